"""The graph's schema: uniqueness constraints, lookup indexes, and the full-text and vector indexes search uses,
with their names. Created by ingest before the first load; every statement is idempotent.
"""

from __future__ import annotations

from graph.store.client import Neo4jClient
from graph.store.mapping import OWN, PASSAGE_SIDE, PRIMARY, SENTENCE_SIDE, SHARED_KEY

FULLTEXT_INDEX = "passage_tokens"
ENGLISH_INDEX = "passage_english"
GLOSS_INDEX = "passage_gloss"
VECTOR_INDEX = "passage_embedding"  # every passage: for analysts (docs/cypher.md)
# Search's, one per language side (keyed by "is English"): passages, and the long passages' sentences.
PASSAGE_VECTOR_INDEX = {True: "passage_embedding_en", False: "passage_embedding_other"}
SENTENCE_VECTOR_INDEX = {True: "sentence_embedding_en", False: "sentence_embedding_other"}


def ensure_schema(client: Neo4jClient) -> None:
    """Uniqueness constraints (each with its index) and the indexes the loader and analysts need."""
    statements = [
        f"CREATE CONSTRAINT {label.lower()}_iri IF NOT EXISTS FOR (n:`{label}`) REQUIRE n.iri IS UNIQUE"
        for label in PRIMARY
    ]
    statements += [
        f"CREATE CONSTRAINT {label.lower()}_{key} IF NOT EXISTS FOR (n:`{label}`) REQUIRE n.{key} IS UNIQUE"
        for label, key in {**SHARED_KEY, "Document": "doc_id"}.items()
    ]
    statements += [
        f"CREATE INDEX {label.lower()}_doc_id IF NOT EXISTS FOR (n:`{label}`) ON (n.doc_id)"
        for label in [*OWN, "Sentence"]
    ]
    statements += [
        "CREATE INDEX paragraph_number IF NOT EXISTS FOR (n:Paragraph) ON (n.number)",
        "CREATE INDEX document_source IF NOT EXISTS FOR (n:Document) ON (n.source)",
        "CREATE INDEX acronym_abbreviation IF NOT EXISTS FOR (n:Acronym) ON (n.abbreviation)",
    ]
    statements += [
        # For analysts' Chinese phrase queries: Lucene's CJK analyzer indexes overlapping bigrams.
        "CREATE FULLTEXT INDEX passage_text IF NOT EXISTS FOR (n:Passage) ON EACH [n.text] "
        "OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}}",
        # For search (BM25 over words): Passage.tokens holds the text already segmented into words (graph.tokens),
        # so a whitespace analyzer suffices.
        f"CREATE FULLTEXT INDEX {FULLTEXT_INDEX} IF NOT EXISTS FOR (n:Passage) ON EACH [n.tokens] "
        "OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace'}}",
        # English passages (Passage.text_en) by Lucene's English analyzer: "stocktakes" finds "stocktake".
        f"CREATE FULLTEXT INDEX {ENGLISH_INDEX} IF NOT EXISTS FOR (n:Passage) ON EACH [n.text_en] "
        "OPTIONS {indexConfig: {`fulltext.analyzer`: 'english'}}",
        # The other passages' English glosses (Passage.gloss_en, graph.gloss), by the same analyzer.
        f"CREATE FULLTEXT INDEX {GLOSS_INDEX} IF NOT EXISTS FOR (n:Passage) ON EACH [n.gloss_en] "
        "OPTIONS {indexConfig: {`fulltext.analyzer`: 'english'}}",
    ]
    for statement in statements:
        client.write(statement)




def ensure_vector_index(client: Neo4jClient, dimensions: int) -> None:
    """The cosine vector indexes over the embeddings; each recreated when its settings differ (the model's dimension
    changed, or it was made unquantized, as ingest made it on 4 December)."""
    # Quantized, as Neo4j makes them by default. Unquantized, a dense signal's first 50 were nearer the exact 50
    # (0.996–1.0 against 0.963–0.970 of the dev questions' neighbours) and two builds ranked alike, but search on a
    # server that had just ingested took 17–30 ms longer (bench/bench.py), over the 10 ms budget (docs/search.md,
    # step 18).
    config = {"vector.dimensions": dimensions, "vector.quantization.enabled": True}
    indexes = {VECTOR_INDEX: "Passage"}
    for english in (True, False):
        indexes[PASSAGE_VECTOR_INDEX[english]] = PASSAGE_SIDE[english]
        indexes[SENTENCE_VECTOR_INDEX[english]] = SENTENCE_SIDE[english]
    for name, label in indexes.items():
        found = client.read(
            "SHOW VECTOR INDEXES YIELD name, options WHERE name = $name RETURN options", {"name": name}
        )
        if found and any(found[0]["options"]["indexConfig"].get(key) != value for key, value in config.items()):
            client.write(f"DROP INDEX {name}")
        client.write(f"CREATE VECTOR INDEX {name} IF NOT EXISTS FOR (n:{label}) ON n.embedding "
                     "OPTIONS {indexConfig: {`vector.dimensions`: $dim, `vector.similarity_function`: 'cosine', "
                     "`vector.quantization.enabled`: $quantized}}",
                     {"dim": dimensions, "quantized": config["vector.quantization.enabled"]})
