"""Where the tests find their data: tests/fixtures (ours, always there) and ../shared (beside the checkout).

A test needing ../shared calls `require_shared(path)`: it skips saying what is missing, or fails when
CLIMATE_KG_REQUIRE_SHARED=1 (.ci/run sets it: there, a skip would hide a test that did not run).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
SHARED = REPO_ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
EVAL = SHARED / "eval"


def require_shared(path: Path) -> Path:
    if not path.exists():
        reason = f"needs {path} (the shared corpus and eval data beside the checkout)"
        if os.environ.get("CLIMATE_KG_REQUIRE_SHARED") == "1":
            pytest.fail(reason + "; CLIMATE_KG_REQUIRE_SHARED=1 forbids skipping")
        pytest.skip(reason)
    return path
