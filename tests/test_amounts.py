import pytest

from graph.amounts import iter_amounts


@pytest.mark.parametrize(("text", "currency", "en", "zh"), [
    ("the USD 100 billion goal", "USD", "100 billion", ("1000亿美元", "1,000亿美元")),
    ("1000亿美元目标", "USD", "100 billion", ("1000亿美元", "1,000亿美元")),
    ("100 billion US dollars", "USD", "100 billion", ("1000亿美元", "1,000亿美元")),
    ("US$1.5 Billion", "USD", "1.5 billion", ("15亿美元",)),
    ("USD 4.3 trillion", "USD", "4.3 trillion", ("4.3万亿美元",)),
    ("5万亿美元", "USD", "5 trillion", ("5万亿美元",)),
    ("3.5亿美元", "USD", "350 million", ("3.5亿美元",)),
    ("8,150 万欧元", "EUR", "81.5 million", ("8150万欧元", "8,150万欧元")),
    ("EUR 81.5 million", "EUR", "81.5 million", ("8150万欧元", "8,150万欧元")),
    ("€ 2 million", "EUR", "2 million", ("200万欧元",)),
])
def test_a_sum_reads_alike_in_either_language_and_each_writes_it_its_own_way(text, currency, en, zh):
    [(amount, start, end)] = iter_amounts(text)
    assert (amount.currency, amount.en, amount.zh_forms) == (currency, en, zh)
    assert iter_amounts(text[start:end])[0][0] == amount


@pytest.mark.parametrize("text", ["USD 455", "100 billion tonnes", "350 多项活动", "10万人"])
def test_no_sum_without_a_currency_and_a_scale(text):
    assert iter_amounts(text) == []
