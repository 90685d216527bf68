"""What a climate-kg process sets once, at start-up, before any work: the CLI, the app factory and the test session
call `start_up()`. Importing a module changes nothing."""

from __future__ import annotations

import logging

import jieba

from embed.model import offline


def start_up() -> None:
    offline()  # before anything imports Hugging Face libraries
    # jieba reports loading its dictionary on stderr at DEBUG and INFO.
    jieba.setLogLevel(logging.WARNING)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
