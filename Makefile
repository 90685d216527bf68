# climate-kg: `make run` (set up, start Neo4j, ...) and `make test`. Every target is idempotent and asks nothing.

SHELL := /bin/bash
VENV := .venv
CORPUS ?= ../shared/corpus

# The Python package with its test extras; add further pip requirements here (one install command).
PIP_INSTALL := $(VENV)/bin/pip install --quiet -e '.[test]'

NEO4J_JAR := neo4j-server/target/neo4j-server.jar
NEO4J_SOURCES := neo4j-server/pom.xml $(shell find neo4j-server/src -name '*.java')
NEO4J_BROWSER := neo4j-server/target/browser/index.html
CHROMEDRIVER := /usr/bin/chromedriver

.PHONY: install run lint test

install: $(VENV)/.installed $(NEO4J_JAR) $(NEO4J_BROWSER) $(CHROMEDRIVER)

$(VENV)/bin/python:
	python3 -m venv $(VENV)

# Re-run only when the package's declared dependencies change.
$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
	$(PIP_INSTALL)
	touch $@

# The local Neo4j: Neo4j Community from Maven Central, built into target/ with its jars in target/lib/, and
# Neo4j Browser's static files (org.neo4j.client:neo4j-browser) unpacked into target/browser/ by the same build.
$(NEO4J_JAR) $(NEO4J_BROWSER) &: $(NEO4J_SOURCES)
	@command -v mvn >/dev/null && command -v javac >/dev/null || { \
	  echo "installing Java 17 and Maven from Debian"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jdk-headless maven; }
	cd neo4j-server && mvn -q -B package
	touch $(NEO4J_JAR) $(NEO4J_BROWSER)

# Debian's Chromium and its chromedriver, for the tests that use the pages in a real browser (tests/test_browser.py).
$(CHROMEDRIVER):
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver

# The main job: the local Neo4j (or NEO4J_URI's), the corpus ingested (unchanged files are skipped), then the
# API and web page on http://127.0.0.1:$(PORT)/ until Ctrl-C, with Neo4j Browser at /browser/ (`serve` prints its
# address and login). Neo4j keeps running: `climate-kg db stop` ends it.
PORT ?= 8000
run: install
	$(VENV)/bin/climate-kg db start
	$(VENV)/bin/climate-kg db status
	$(VENV)/bin/climate-kg ingest $(CORPUS)
	$(VENV)/bin/climate-kg serve --port $(PORT)

# Lint and type-check first: a finding fails `make test` like a failing test.
lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy

test: install lint
	$(VENV)/bin/pytest
