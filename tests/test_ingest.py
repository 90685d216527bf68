"""`climate-kg ingest` end to end on the real Neo4j: idempotence, bad input refused whole, export, model switch."""

from __future__ import annotations

import os

from rdflib import Graph as RdfGraph
from typer.testing import CliRunner

import paths
from graph.ingest import ingest
from graph.sentences import sentences
from graph.store.loader import delete_document
from graph.store.mapping import PASSAGE_SIDE, SENTENCE_SIDE
from paths import CORPUS
from search_api.cli import app

FIXTURES = str(paths.FIXTURES)
runner = CliRunner()


def counts(db) -> tuple[int, int]:
    return (db.read("MATCH (n) RETURN count(n) AS n")[0]["n"],
            db.read("MATCH ()-[r]->() RETURN count(r) AS n")[0]["n"])


def test_ingesting_the_corpus_twice_changes_nothing(corpus_graph, embedder):
    before = counts(corpus_graph)
    misses = embedder.misses
    results = ingest([CORPUS], corpus_graph, embedder)
    assert {r.status for r in results} == {"unchanged"}
    assert counts(corpus_graph) == before and embedder.misses == misses


def test_every_passage_has_a_vector_and_words(corpus_graph):
    missing = corpus_graph.read("MATCH (p:Passage) WHERE p.embedding IS NULL OR p.tokens IS NULL RETURN count(p) AS n")
    assert missing[0]["n"] == 0
    # A passage not in English has its English gloss too, for the gloss signal; an English one has its text.
    [sides] = corpus_graph.read(
        "MATCH (p:Passage) RETURN count(CASE WHEN (p.language = 'en') = (p.gloss_en IS NULL) THEN 1 END) AS right, "
        "count(p) AS all, count(p.gloss_en) AS glossed")
    assert sides["right"] == sides["all"] and sides["glossed"] > 0


def test_long_passages_have_their_sentences_on_their_language_side(corpus_graph):
    rows = corpus_graph.read(
        "MATCH (p:Passage) RETURN p.text AS text, p.language AS language, "
        "[l IN labels(p) WHERE l IN ['EnglishPassage', 'OtherPassage']] AS side, "
        "COLLECT { MATCH (p)-[:HAS_SENTENCE]->(s) RETURN s ORDER BY s.order } AS sentences")
    assert any(r["sentences"] for r in rows)
    for r in rows:
        english = r["language"] == "en"
        assert r["side"] == [PASSAGE_SIDE[english]]
        assert [s["text"] for s in r["sentences"]] == sentences(r["text"])
        for s in r["sentences"]:
            assert SENTENCE_SIDE[english] in s.labels and len(s["embedding"]) == len(r["sentences"][0]["embedding"])


def bad_files(tmp_path):
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (tmp_path / "empty.txt").write_text("  \n\n", encoding="utf-8")
    (tmp_path / "gbk.txt").write_bytes("缔约方会议请秘书处编写一份年度报告。".encode("gbk"))
    with open(tmp_path / "huge.txt", "wb") as f:  # sparse: 50 MB without writing them
        f.truncate(50 * 1024 * 1024)
    return ["binary.txt", "empty.txt", "gbk.txt", "huge.txt"]


def test_bad_files_get_one_line_each_and_leave_the_graph_as_it_was(corpus_graph, tmp_path):
    names = bad_files(tmp_path)
    before = counts(corpus_graph)
    result = runner.invoke(app, ["ingest", str(tmp_path), str(tmp_path / "missing.txt")])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == len(names) + 1
    for name in [*names, "missing.txt"]:
        assert any(name in line for line in errors), name
    assert any("GBK" in line for line in errors)
    assert counts(corpus_graph) == before


def test_a_good_file_loads_even_when_its_neighbour_is_bad(corpus_graph, tmp_path):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    good = tmp_path / "plain_report.txt"
    good.write_bytes(open(os.path.join(FIXTURES, "plain_report.txt"), "rb").read())
    export = tmp_path / "out.ttl"
    result = runner.invoke(app, ["ingest", str(tmp_path), "--export", str(export)])
    assert result.exit_code == 1
    assert "1 of 2 documents ingested, 1 failed" in result.stdout
    assert corpus_graph.read("MATCH (d:Document {source: 'plain_report.txt'}) RETURN count(d) AS n")[0]["n"] == 1
    exported = RdfGraph().parse(export)
    assert len(exported) > 100
    delete_document(corpus_graph, "plain_report")


def test_a_changed_document_is_replaced_whole(corpus_graph, embedder, tmp_path):
    doc = tmp_path / "plain_report.txt"
    # with a paragraph long enough to be embedded sentence by sentence too
    text = open(os.path.join(FIXTURES, "plain_report.txt"), encoding="utf-8").read() + "\n\n98. " + "".join(
        f"秘书处举办了第{n}次区域研讨会，协助发展中国家缔约方编写两年期透明度报告。" for n in range(1, 6)) + "\n"
    doc.write_text(text, encoding="utf-8")
    ingest([doc], corpus_graph, embedder)
    first = corpus_graph.read("MATCH (p:Passage {doc_id: 'plain_report'}) RETURN count(p) AS n")[0]["n"]
    assert sentence_count(corpus_graph, "plain_report") >= 5
    doc.write_text(text + "\n\n99. 新增的一段，说明秘书处的后续工作。\n", encoding="utf-8")
    [result] = ingest([doc], corpus_graph, embedder)
    assert result.status == "loaded"
    rows = corpus_graph.read("MATCH (p:Passage {doc_id: 'plain_report'}) RETURN count(p) AS n, "
                             "count(DISTINCT p.iri) AS distinct")
    assert rows[0]["n"] == rows[0]["distinct"] == first + 1
    expected = sum(len(sentences(r["text"])) for r in corpus_graph.read(
        "MATCH (p:Passage {doc_id: 'plain_report'}) RETURN p.text AS text"))
    assert sentence_count(corpus_graph, "plain_report") == expected  # the first version's are gone
    delete_document(corpus_graph, "plain_report")
    assert sentence_count(corpus_graph, "plain_report") == 0


def sentence_count(db, doc_id: str) -> int:
    return db.read("MATCH (s:Sentence {doc_id: $id}) RETURN count(s) AS n", {"id": doc_id})[0]["n"]


def test_an_unwritable_export_is_one_line(corpus_graph, tmp_path):
    result = runner.invoke(app, ["ingest", str(tmp_path), "--export", str(tmp_path / "no" / "such" / "dir.ttl")])
    assert result.exit_code == 1 and "error:" in result.stderr and "dir.ttl" in result.stderr


def test_a_corrupt_embedding_cache_is_one_line(neo4j_client, tmp_path):
    (tmp_path / "embeddings.sqlite").write_bytes(b"not a database" * 100)
    env = {"CLIMATE_KG_HOME": str(tmp_path), "NEO4J_URI": neo4j_client.uri,
           "NEO4J_PASSWORD": neo4j_client.settings.auth()[1]}
    result = runner.invoke(app, ["ingest", os.path.join(FIXTURES, "plain_report.txt")], env=env)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: embedding cache {tmp_path / 'embeddings.sqlite'} is not a usable")
    assert result.stderr.count("\n") == 1


def test_two_files_with_one_name_in_one_run_are_not_merged(corpus_graph, embedder, tmp_path):
    for folder, paragraph in (("a", "1. 第一份报告。"), ("b", "1. 第二份报告。")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "same_name.txt").write_text(paragraph, encoding="utf-8")
    try:
        first, second = ingest([tmp_path], corpus_graph, embedder)
        assert first.status == "loaded" and second.status == "failed" and second.error is not None
        assert "same file name as" in second.error and str(tmp_path / "a" / "same_name.txt") in second.error
    finally:
        delete_document(corpus_graph, "same_name")


def test_a_bug_on_one_file_is_one_line_and_the_others_still_load(corpus_graph, embedder, tmp_path, monkeypatch):
    import graph.ingest as ingest_module

    real_parse = ingest_module.parse_file

    def parse_with_a_bug(path):
        if path.name == "a_bug.txt":
            return sorted([1, "a"])  # the kind of slip that once aborted a whole run
        return real_parse(path)

    monkeypatch.setattr(ingest_module, "parse_file", parse_with_a_bug)
    (tmp_path / "a_bug.txt").write_text("1. 第一段。", encoding="utf-8")
    good = tmp_path / "plain_report.txt"
    good.write_bytes(open(os.path.join(FIXTURES, "plain_report.txt"), "rb").read())
    before = counts(corpus_graph)
    try:
        bad, loaded = ingest([tmp_path], corpus_graph, embedder)
        assert bad.status == "failed" and loaded.status == "loaded" and bad.error is not None
        assert "a_bug.txt" in bad.error and "TypeError at tests/test_ingest.py" in bad.error
        assert "\n" not in bad.error
    finally:
        delete_document(corpus_graph, "plain_report")
    assert counts(corpus_graph) == before


def test_an_ingest_killed_mid_run_leaves_each_document_whole_and_the_next_run_completes(empty_graph, embedder,
                                                                                       tmp_path):
    import signal
    import subprocess
    import sys
    import time
    from pathlib import Path

    from graph.parse import parse_file

    names = []
    for i in range(6):  # enough documents that the kill lands while some are still to come
        for fixture in ("decisions_en.txt", "synthesis_report_zh.txt"):
            name = f"{i}_{fixture}"
            (tmp_path / name).write_bytes((Path(FIXTURES) / fixture).read_bytes())
            names.append(name)
    cli = Path(sys.executable).with_name("climate-kg")
    run = subprocess.Popen([str(cli), "ingest", str(tmp_path)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           text=True)
    deadline = time.monotonic() + 300
    assert run.stdout is not None
    for line in run.stdout:  # kill it as soon as a first document is in: the others are being loaded or to come
        if line.startswith("loaded:") or time.monotonic() > deadline:
            break
    run.send_signal(signal.SIGKILL)
    run.wait()

    expected = {name: len(parse_file(tmp_path / name).passages) for name in names}
    stored = {r["source"]: r for r in empty_graph.read(
        "MATCH (d:Document) RETURN d.source AS source, d.pipeline_version AS version, "
        "COUNT { (d)-[:HAS_PASSAGE]->() } AS passages, "
        "COUNT { (d)-[:HAS_PASSAGE]->(p) WHERE p.embedding IS NULL } AS without_vectors")}
    assert stored and len(stored) < len(names)  # killed mid-run
    for source, document in stored.items():  # every document there is whole
        assert document["passages"] == expected[source] and document["without_vectors"] == 0 and document["version"]
    orphans = empty_graph.read(
        "MATCH (p:Passage) WHERE NOT EXISTS { (:Document {doc_id: p.doc_id}) } RETURN count(p) AS n"
    )
    assert orphans[0]["n"] == 0  # nothing of a document that did not finish

    results = ingest([tmp_path], empty_graph, embedder)
    assert {r.status for r in results} <= {"loaded", "unchanged"} and len(results) == len(names)
    stored = {r["source"]: r["passages"] for r in empty_graph.read(
        "MATCH (d:Document) RETURN d.source AS source, COUNT { (d)-[:HAS_PASSAGE]->() } AS passages")}
    assert stored == expected
