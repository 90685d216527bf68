"""Deadlines as written, and as a date or a session where the words give one."""

import pytest

from graph.parse.deadlines import find_deadline


@pytest.mark.parametrize(("text", "referent", "written", "date", "session"), [
    ("to submit via the submission portal by\u00a01\u00a0March 2024 information", None, "by\u00a01\u00a0March 2024",
     "2024-03-01", None),
    ("the Subsidiary Body for Implementation, at its sixtieth session, to hold a dialogue", "SBI",
     "at its sixtieth session", None, "SBI 60"),
    ("the Chair of the SBSTA to hold a dialogue at its sixtieth session (June 2024)", "SBSTA",
     "at its sixtieth session (June 2024)", None, "SBSTA 60"),
    ("the Chairs of the subsidiary bodies to organize a dialogue starting at their sixtieth sessions", "SB",
     "starting at their sixtieth sessions", None, "SB 60"),
    ("the secretariat to prepare a report for consideration at its subsequent session", "CMA",
     "for consideration at its subsequent session", None, "CMA 6"),
    ("the Executive Secretary to report to the Conference of the Parties at its twenty-fourth session (December 2018)",
     "COP", "at its twenty-fourth session (December 2018)", None, "COP 24"),
    ("the General Assembly to decide, at its seventy-second session, on", None, "at its seventy-second session", None,
     None),  # a body outside the Convention: no session of ours
    ("to organize a workshop prior to SBSTA 61", "SBSTA", "prior to SBSTA 61", None, "SBSTA 61"),
    ("the SBI to report on it at its 62nd session", "SBI", "at its 62nd session", None, "SBI 62"),
    ("the SBI to consider it no later than at its first session of 2028", "SBI", "at its first session", None, None),
    ("a report for consideration at the first session of the Subsidiary Body for Implementation each year", None,
     "for consideration at the first session of the Subsidiary Body for Implementation", None, None),
    ("contributions are due on 1 January of each year", None, "on 1 January of each year", None, None),
    ("to prepare a synthesis report in time to inform the refinement of the process", None,
     "in time to inform the refinement", None, None),
    ("在 2032 年 3 月 15 日之前提交意见", None, "在 2032 年 3 月 15 日之前", "2032-03-15", None),
    ("附属科学技术咨询机构第八十届会议(2034 年 6 月)对工作方案进行盘点", "SBSTA", "第八十届会议(2034 年 6 月)", None,
     "SBSTA 80"),
])
def test_deadlines(text, referent, written, date, session):
    deadline = find_deadline(text, 0, len(text), referent, "CMA 5")
    assert deadline is not None
    assert (deadline.text, deadline.date, deadline.session) == (written, date, session)


def test_no_deadline():
    text = "to continue supporting adaptation action"
    assert find_deadline(text, 0, len(text), "CMA", "CMA 5") is None
