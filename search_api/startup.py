"""What a climate-kg process sets once, at start-up, before any work: the CLI, the app factory and the test session
call `start_up()`. Importing a module changes nothing."""

from __future__ import annotations

import logging
import os

import jieba

from embed.model import offline


def start_up() -> None:
    offline()  # before anything imports Hugging Face libraries
    # The model's OpenMP threads spin between parallel steps by default, taking the cores Neo4j and the other
    # requests need: measured on 2 cores under load, a query took 262 ms to embed with spinning and 48 ms without,
    # and a batch of passages 22 ms a passage against 13. Read when the model's engine loads, so set first.
    os.environ.setdefault("OMP_WAIT_POLICY", "passive")
    # jieba reports loading its dictionary on stderr at DEBUG and INFO.
    jieba.setLogLevel(logging.WARNING)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
