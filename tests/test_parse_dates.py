import pytest

from graph.parse.dates import Day, iso_date, iter_dates


@pytest.mark.parametrize(("text", "day"), [
    ("by 31 December 2024", Day(2024, 12, 31)),
    ("在 2024 年 12 月 31 日之前", Day(2024, 12, 31)),
    ("2024年12月31日前", Day(2024, 12, 31)),
    ("due December 31, 2024", Day(2024, 12, 31)),
    ("march 1st, 2024", Day(2024, 3, 1)),
    ("on 2024-12-31", Day(2024, 12, 31)),
    ("at its eightieth session (June 2034)", Day(2034, 6)),
    ("2034 年 6 月", Day(2034, 6)),
])
def test_a_date_or_month_in_any_form_people_write_it(text, day):
    assert [found for found, _start, _end in iter_dates(text)] == [day]


def test_each_language_writes_a_date_its_own_way():
    day, month = Day(2024, 3, 1), Day(2034, 6)
    assert (day.en, day.zh, day.iso) == ("1 March 2024", "2024年3月1日", "2024-03-01")
    assert (month.en, month.zh, month.iso) == ("June 2034", "2034年6月", "2034-06")
    # and its year, less precise: "by the end of 2024" says something of "by 31 December 2024"
    assert (day.en_forms, day.zh_forms) == (("1 March 2024", "2024"), ("2024年3月1日", "2024"))


@pytest.mark.parametrize("text", ["the 2018-2019 biennium", "2024年", "by the end of 2025", "12月31日", "30 February"])
def test_no_date_where_none_is_named(text):
    assert iter_dates(text) == []


def test_an_impossible_day_is_no_date():
    assert iso_date("31 February 2024") is None
    assert iso_date("by 1 March 2024 and 2025年1月1日") == "2024-03-01"  # the first


def test_the_span_is_the_date_as_written():
    [(_day, start, end)] = iter_dates("请于 2024 年 3 月 1 日之前提交")
    assert "请于 2024 年 3 月 1 日之前提交"[start:end] == "2024 年 3 月 1 日"
