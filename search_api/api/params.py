"""Checks on request parameters; a ValueError here becomes a 422 naming the parameter and the value."""

from __future__ import annotations

from graph.symbols import BODIES, body_code, canonical_decision, find_sessions, validate_decision
from graph.tokens import has_word


def decision_symbol(value: str) -> str:
    """ "1/CMA.5", "1/cma.5" or "第1/CMA.5号决定" -> "1/CMA.5"; ValueError naming anything else."""
    return validate_decision(canonical_decision(value) or value)


def body(value: str) -> str:
    """A body code or name -> its code ("cma", "附属履行机构" -> "CMA", "SBI")."""
    code = body_code(value)
    if code is None:
        raise ValueError(f"unknown body {value!r} (expected one of {', '.join(BODIES)})")
    return code


def session(value: str) -> str:
    """ "CMA 5", "cma5", "缔约方会议第二十三届会议" -> "CMA 5", "COP 23"; ValueError naming anything else."""
    found = find_sessions(value)
    if len(found) > 1:  # "巴库大会": the COP's, CMP's and CMA's sessions held in Baku
        raise ValueError(f"{value!r} names several sessions ({', '.join(found)}): choose one")
    if not found:
        raise ValueError(f"unknown session {value!r} (expected e.g. CMA 5, COP 23, SBI 60)")
    return found[0]


def not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be blank")
    return value


def searchable(value: str) -> str:
    """A question holding a letter or digit of any script: punctuation or emoji alone ("???") name nothing, and search
    would answer with whatever lies nearest to nothing."""
    if not has_word(not_blank(value)):
        raise ValueError("holds no letter or digit: nothing to search for")
    return value
