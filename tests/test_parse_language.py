import pytest

from graph.parse import parse_file, parse_text
from graph.parse.language import document_language
from paths import FIXTURES


@pytest.mark.parametrize("lang, text", [
    ("zh", "1. 缔约方会议第二十三届会议(COP 23)请秘书处编写一份年度报告，供 SBI 审议。NDC, CMA, ETF, BTR"),
    ("en", "1. The Conference of the Parties requested the secretariat to prepare an annual report for the SBI."),
    ("fr", "1. La Conférence des Parties a prié le secrétariat d'établir un rapport annuel "
           "pour le SBI et les Parties."),
    ("es", "1. La Conferencia de las Partes pidió a la secretaría que preparara un informe anual "
           "para el OSE y los países."),
    ("ru", "1. Конференция Сторон просила секретариат подготовить ежегодный доклад для ВОО."),
    ("ar", "1. طلب مؤتمر الأطراف إلى الأمانة أن تعد تقريرا سنويا للهيئة الفرعية للتنفيذ."),
])
def test_each_un_language_is_told_apart(lang, text):
    assert document_language(text) == lang


def test_a_chinese_report_quoting_english_is_chinese():
    assert parse_file(FIXTURES / "markdown_report.md").language == "zh"  # two of its five paragraphs are English


def test_the_document_carries_its_language():
    assert parse_text("1. The Conference of the Parties requested the secretariat to report.",
                      "en.txt").language == "en"
    assert parse_text("1. 缔约方会议请秘书处编写一份年度报告。", "zh.txt").language == "zh"
