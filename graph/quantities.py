"""Quantities as the two languages write them. Sums of money: the decisions "USD 100 billion", "EUR 81.5 million", the
press "$100bn"; the Chinese reports 1000亿美元, 8,150 万欧元, counting in 万 (10⁴), 亿 (10⁸) and 万亿 (10¹²) where
English counts in thousands; counts of anything else the same way, "5 million people", "900,000", 500万人, 90万.
Shares: "43 per cent"; 43%, 百分之四十三. Temperatures: "1.5 °C", "1.5 degrees Celsius"; 1.5°C, 1.5摄氏度."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from graph.symbols import CN_NUMERAL, cn_to_int, readings

_CURRENCIES = {"USD": "美元", "EUR": "欧元"}
_WRITTEN_CURRENCY = {"usd": "USD", "us$": "USD", "$": "USD", "dollars": "USD", "us dollars": "USD", "美元": "USD",
                     "eur": "EUR", "€": "EUR", "euros": "EUR", "欧元": "EUR"}
_EN_SCALES = {"trillion": 12, "billion": 9, "million": 6}
# As the press writes a sum's scale, "$100bn", "EUR 5m": after a currency only ("5m" alone may be metres).
_EN_SCALE_ABBREVIATIONS = {"tn": 12, "trn": 12, "bn": 9, "mn": 6, "mln": 6, "m": 6}
_ZH_SCALES = {"万亿": 12, "亿": 8, "万": 4}
_NUMBER = r"\d[\d,]*(?:\.\d+)?"
_EN_SCALE = rf"(?P<number>{_NUMBER})\s*(?P<scale>{'|'.join(_EN_SCALES)})\b"
_ZH_SCALE = rf"(?P<number>{_NUMBER})\s*(?P<scale>{'|'.join(_ZH_SCALES)})"
# Sums first, then counts of anything else: a sum's figure is not a count of its own.
_AMOUNT_RES = (
    # "USD 100 billion", "US$1.5 Billion", "€ 81.5 million", "$100bn"
    re.compile(rf"(?P<currency>USD|US\$|EUR|\$|€)\s?(?P<number>{_NUMBER})\s*"
               rf"(?P<scale>{'|'.join([*_EN_SCALES, *_EN_SCALE_ABBREVIATIONS])})\b", re.IGNORECASE),
    # "100 billion US dollars", "81.5 million euros"
    re.compile(rf"{_EN_SCALE}\s+(?P<currency>(?:US\s+)?dollars|USD|euros|EUR)\b", re.IGNORECASE),
    re.compile(rf"{_ZH_SCALE}\s*(?P<currency>美元|欧元)"),
    # "5 million people", "3.6 billion"; 500万人, 36亿. A measure word after a Chinese count is part of it: alone, 人
    # or 个 would be a word of the question, in every passage.
    re.compile(rf"(?<![\d.,]){_EN_SCALE}", re.IGNORECASE),
    re.compile(rf"(?<![\d.,]){_ZH_SCALE}(?:多)?(?:[人名个位项次份家])?"),
    # "900,000 people", 90万人; not a sum's figure without its scale ("EUR 766,938")
    re.compile(r"(?<![\d.,$€])(?<!USD )(?<!EUR )(?<!\$ )(?<!€ )(?P<number>\d{1,3}(?:,\d{3})+)(?![\d,]|\.\d)"),
)
_SCALES = _EN_SCALES | _EN_SCALE_ABBREVIATIONS | _ZH_SCALES  # by the word written: "billion", "bn", "亿"
_SMALLEST_COUNT = 10**4  # a count the Chinese would write in 万


@dataclass(frozen=True)
class Amount:
    """A sum of money, or, without a currency, a count of anything else: "5 million people", 500万人."""

    value: Decimal
    currency: str | None = None  # "USD", "EUR"

    @property
    def zh_forms(self) -> tuple[str, ...]:
        """As the Chinese reports write it, "1000亿美元", and with its thousands grouped, "8,150万欧元", as some do."""
        unit = _CURRENCIES[self.currency] if self.currency else ""
        return tuple(dict.fromkeys(_scaled(self.value, _ZH_SCALES, "", grouping) + unit for grouping in ("", ",")))

    @property
    def en(self) -> str:
        """The figure and its scale as the decisions write them, "100 billion", whatever the currency's sign; under a
        million, its thousands grouped: "900,000"."""
        return _scaled(self.value, _EN_SCALES, " ", "") if self.value >= 10**6 else _figure(self.value, ",")

    @property
    def en_forms(self) -> tuple[str, ...]:
        return (self.en,)


def _scaled(value: Decimal, scales: dict[str, int], space: str, grouping: str) -> str:
    """`value` in the largest of `scales` it holds one of at least: 10¹¹ is "100 billion" and "1000亿"."""
    *larger, smallest = scales.items()
    name, power = next(((name, power) for name, power in larger if value >= 10**power), smallest)
    return f"{_figure(value.scaleb(-power), grouping)}{space}{name}"


def _figure(value: Decimal, grouping: str = "") -> str:
    """ "100", not "1E+2"; "4.3", not "4.30"."""
    return f"{value.normalize():{grouping}f}"


def iter_amounts(text: str) -> list[tuple[Amount, int, int]]:
    """(amount, start, end) for every sum of money of a million (a 万) or more named in `text`, in order."""
    return [hit for hit in _amounts(text) if hit[0].currency]


def iter_counts(text: str) -> list[tuple[Amount, int, int]]:
    """(count, start, end) for every count of a million (a 万) or more, not of money, named in `text`, in order."""
    return [hit for hit in _amounts(text) if not hit[0].currency]


def _amounts(text: str) -> list[tuple[Amount, int, int]]:
    return readings(text, _AMOUNT_RES, _amount)


def _amount(m: re.Match[str]) -> Amount | None:
    scale = m.groupdict().get("scale")
    value = Decimal(m["number"].replace(",", "")).scaleb(_SCALES[scale.lower()] if scale else 0)
    if value < _SMALLEST_COUNT:
        return None
    currency = m.groupdict().get("currency")
    return Amount(value, currency and _WRITTEN_CURRENCY[" ".join(currency.lower().split())])


# "43 per cent", "43 percent", "43%", "43 %"; 百分之四十三, 百分之43.
_EN_PERCENT_RE = re.compile(r"(?<![\d.])(?P<number>\d+(?:\.\d+)?)\s*(?:%|per\s*cent\b)", re.IGNORECASE)
_ZH_PERCENT_RE = re.compile(rf"百分之\s*(?:(?P<number>\d+(?:\.\d+)?)|(?P<numeral>{CN_NUMERAL}))")


@dataclass(frozen=True)
class Percent:
    value: Decimal

    @property
    def zh_forms(self) -> tuple[str, ...]:
        return f"{_figure(self.value)}%", f"百分之{_figure(self.value)}"

    @property
    def en_forms(self) -> tuple[str, ...]:
        """As the decisions write it, "43 per cent", and as other English texts do."""
        return f"{_figure(self.value)} per cent", f"{_figure(self.value)} percent"


def iter_percentages(text: str) -> list[tuple[Percent, int, int]]:
    """(percentage, start, end) for every share named in `text`, in order."""
    return readings(text, (_EN_PERCENT_RE, _ZH_PERCENT_RE),
                    lambda m: Percent(Decimal(m["number"] or cn_to_int(m["numeral"]))))


# "1.5 °C", "1.5°C" (℃ is °C once NFKC-normalised), "1.5C", "2 degrees", "2 degrees Celsius"; 1.5摄氏度, 摄氏1.5度.
_TEMPERATURE_RES = (
    re.compile(r"(?<![\d.])(?P<number>\d+(?:\.\d+)?)\s*(?:°\s*C|℃|degrees?(?:\s+(?:Celsius|C))?|摄氏度)(?![A-Za-z])",
               re.IGNORECASE),
    re.compile(r"(?<![\d.])(?P<number>\d(?:\.\d+)?)C(?![A-Za-z])"),
    re.compile(r"摄氏\s*(?P<number>\d+(?:\.\d+)?)\s*度"),
)


@dataclass(frozen=True)
class Temperature:
    """A temperature in degrees Celsius, as the goals of the Paris Agreement are written."""

    value: Decimal

    @property
    def zh_forms(self) -> tuple[str, ...]:
        return (f"{_figure(self.value)}°C",)

    @property
    def en_forms(self) -> tuple[str, ...]:
        return (f"{_figure(self.value)} °C",)


def iter_temperatures(text: str) -> list[tuple[Temperature, int, int]]:
    """(temperature, start, end) for every temperature named in `text`, in order."""
    return readings(text, _TEMPERATURE_RES, lambda m: Temperature(Decimal(m["number"])))
