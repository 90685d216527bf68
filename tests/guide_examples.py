"""The checked examples of a guide (docs/cypher.md, docs/sparql.md): every ```LANGUAGE block, and its checks after
it, one HTML comment each:
  <!-- expect: col=value, col=value -->       some row has all these values
  <!-- expect-none: col=value, col=value -->  no row has all these values
A cell matches a value when its text equals it or, for a list, when one of its items does.
"""

from __future__ import annotations

import re

_CHECK = re.compile(r"<!-- (expect|expect-none): (.*?) -->")

Example = tuple[str, list[tuple[str, str]]]  # the query, and its checks: (kind, "col=value, col=value")


def examples(guide: str, language: str) -> list[Example]:
    block = re.compile(rf"```{language}\n(.*?)```\n((?:<!-- expect(?:-none)?: .*? -->\n)*)", re.S)
    found = [(m.group(1), _CHECK.findall(m.group(2))) for m in block.finditer(guide)]
    assert guide.count(f"```{language}") == len(found), "a block is not followed by its checks as above"
    return found


def check(columns: list[str], rows: list[dict[str, object]], checks: list[tuple[str, str]]) -> None:
    assert rows, "no rows"
    for kind, spec in checks:
        wanted = dict(pair.split("=", 1) for pair in spec.split(", "))
        assert set(wanted) <= set(columns), f"unknown columns in {spec!r}: {columns}"
        found = any(all(_matches(row.get(col), value) for col, value in wanted.items()) for row in rows)
        assert found == (kind == "expect"), f"{kind}: {spec}\n{rows}"


def _matches(cell: object, value: str) -> bool:
    return str(cell) == value or (isinstance(cell, list) and value in map(str, cell))
