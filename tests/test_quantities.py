import pytest

from graph.quantities import iter_amounts, iter_counts, iter_percentages, iter_temperatures


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
    ("the $100bn goal", "USD", "100 billion", ("1000亿美元", "1,000亿美元")),  # as the press writes it
    ("EUR 5m", "EUR", "5 million", ("500万欧元",)),
    ("USD 1.3 tn", "USD", "1.3 trillion", ("1.3万亿美元",)),
])
def test_a_sum_reads_alike_in_either_language_and_each_writes_it_its_own_way(text, currency, en, zh):
    [(amount, start, end)] = iter_amounts(text)
    assert (amount.currency, amount.en, amount.zh_forms) == (currency, en, zh)
    assert iter_amounts(text[start:end])[0][0] == amount


@pytest.mark.parametrize("text", ["USD 455", "100 billion tonnes", "350 多项活动", "10万人", "$5 mid-year", "5m"])
def test_no_sum_without_a_currency_and_a_scale(text):
    assert iter_amounts(text) == []


@pytest.mark.parametrize(("text", "en", "zh", "written"), [
    ("5 million people", "5 million", "500万", "5 million"),
    ("3.6 billion people", "3.6 billion", "36亿", "3.6 billion"),
    ("受益人数500万人", "5 million", "500万", "500万人"),
    ("恢复4000万公顷土地", "40 million", "4000万", "4000万"),  # 公顷 says what is counted: a word of its own
    ("90万人将从", "900,000", "90万", "90万人"),
    ("6万多吨", "60,000", "6万", "6万多"),
    ("500,000 jobs", "500,000", "50万", "500,000"),
    ("1,000,000 trees", "1 million", "100万", "1,000,000"),
])
def test_a_count_reads_alike_in_either_language(text, en, zh, written):
    [(count, start, end)] = iter_counts(text)
    assert (count.en, count.zh_forms[0], text[start:end]) == (en, zh, written)


@pytest.mark.parametrize("text", ["USD 100 billion and 1000亿美元", "EUR 766,938", "in 2,500 cities", "0.5万"])
def test_no_count_in_a_sum_nor_under_ten_thousand(text):
    assert iter_counts(text) == []


@pytest.mark.parametrize(("text", "zh", "en"), [
    ("reduce emissions by 43 per cent by 2030", "43%", "43 per cent"),
    ("2030年前减排43%", "43%", "43 per cent"),
    ("63 %", "63%", "63 per cent"),
    ("43 percent", "43%", "43 per cent"),
    ("2.5%", "2.5%", "2.5 per cent"),
    ("百分之四十", "40%", "40 per cent"),
    ("百分之40", "40%", "40 per cent"),
])
def test_a_share_reads_alike_in_either_language(text, zh, en):
    [(share, _start, _end)] = iter_percentages(text)
    assert (share.zh_forms[0], share.en_forms[0]) == (zh, en)


@pytest.mark.parametrize("text", ["1.5°C", "USD 4.3 trillion", "CMA 5", "百分之"])
def test_no_share_where_none_is_named(text):
    assert iter_percentages(text) == []


@pytest.mark.parametrize(("text", "zh", "en"), [
    ("limit warming to 1.5°C", "1.5°C", "1.5 °C"),
    ("1.5 °C pathways", "1.5°C", "1.5 °C"),
    ("1.5C aligned", "1.5°C", "1.5 °C"),
    ("well below 2 degrees Celsius", "2°C", "2 °C"),
    ("温升控制在1.5°C以内", "1.5°C", "1.5 °C"),
    ("1.5摄氏度", "1.5°C", "1.5 °C"),
    ("摄氏1.5度", "1.5°C", "1.5 °C"),
])
def test_a_temperature_reads_alike_in_either_language(text, zh, en):
    [(temperature, _start, _end)] = iter_temperatures(text)
    assert (temperature.zh_forms, temperature.en_forms) == ((zh,), (en,))


@pytest.mark.parametrize("text", ["CMA 5", "5Cs", "paragraph 3(c)", "COP 28"])
def test_no_temperature_where_none_is_named(text):
    assert iter_temperatures(text) == []
