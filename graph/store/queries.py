"""Every read the API, the CLI and search share, as named Cypher (as neo4j-graphrag keeps its Cypher in one module).

Callers run them with `Neo4jClient.read(queries.NAME, {parameters})`; the parameters each needs are named in the
query. The writes are the loader's (graph.store.loader), the schema the schema module's.
"""

from __future__ import annotations

from typing import Any

from graph.store.client import Neo4jClient

# --- documents and the server ---

STORED_DOCUMENT = "MATCH (d:Document {doc_id: $doc_id}) RETURN d {.*, rdf: null} AS d"


def stored_document(client: Neo4jClient, doc_id: str) -> dict[str, Any] | None:
    """The Document node's properties as loaded (but its RDF), or None: ingest compares them to skip unchanged
    files."""
    records = client.read(STORED_DOCUMENT, {"doc_id": doc_id})
    return records[0]["d"] if records else None


DOCUMENTS = """
MATCH (d:Document)
RETURN d.doc_id AS doc_id, d.source AS source, d.title AS title, d.language AS language,
       COUNT { (d)-[:HAS_PASSAGE]->() } AS passages
ORDER BY d.source
"""

DOCUMENT = """
MATCH (d:Document {doc_id: $doc_id})
RETURN d.doc_id AS doc_id, d.source AS source, d.title AS title, d.language AS language,
       COUNT { (d)-[:HAS_PASSAGE]->() } AS passages, d.author AS author, d.date_text AS date_text,
       d.place_text AS place_text, d.summary AS summary, d.style AS style,
       COLLECT { MATCH (d)-[:HAS_SYMBOL]->(s) RETURN s.symbol }[0] AS symbol,
       COLLECT { MATCH (d)-[:FOR_SESSION]->(s) RETURN s.name ORDER BY s.name } AS sessions,
       COLLECT { MATCH (x:Decision)-[:HAS_TEXT]->(:DecisionText {doc_id: d.doc_id}) RETURN x.symbol
                 ORDER BY x.number } AS decisions,
       COLLECT { MATCH (d)-[:FOLLOWS_UP]->(:Mandate)-[:RESTS_ON]->(x:Decision) RETURN DISTINCT x.symbol
                 ORDER BY x.symbol } AS follows_up,
       d.content_hash AS content_hash
"""

# --- the documents' RDF, as the loader stored it (graph.store.mapping) ---

DOCUMENT_RDF = "MATCH (d:Document {doc_id: $doc_id}) RETURN d.rdf AS rdf"

# What makes a document's RDF: a change in any of these is a reload. The SPARQL store compares them to follow ingest.
_VERSION = "[d.content_hash, d.pipeline_version, d.embedding_model]"
DOCUMENT_VERSIONS = f"MATCH (d:Document) RETURN d.doc_id AS doc_id, {_VERSION} AS version"
DOCUMENTS_RDF = f"""
UNWIND $doc_ids AS doc_id MATCH (d:Document {{doc_id: doc_id}})
RETURN d.doc_id AS doc_id, d.rdf AS rdf, {_VERSION} AS version
"""

SERVER_VERSION = "CALL dbms.components() YIELD versions, edition RETURN versions[0] AS version, edition"

COUNTS = "RETURN COUNT { (:Document) } AS documents, COUNT { (:Passage) } AS passages"

# The acronyms every document defines (its abbreviation table; an English document's text too), for the glossary; in
# order, so that of two documents defining one apart, the same one counts.
ACRONYMS = ("MATCH (a:Acronym) RETURN a.abbreviation AS abbreviation, a.name_zh AS name_zh, a.name_en AS name_en, "
            "a.source AS source ORDER BY a.source, a.abbreviation")
# How many passages of a full-text index ($index) each of $glosses (Lucene queries) finds, alone and with the
# question's glossary terms ($anchors, one Lucene query): a Chinese word's English sense by the company it keeps
# (search_api.senses).
SENSE_COUNTS = """
UNWIND $glosses AS gloss
CALL (gloss) { CALL db.index.fulltext.queryNodes($index, gloss) YIELD node RETURN count(node) AS found }
CALL (gloss) {
  CALL db.index.fulltext.queryNodes($index, '(' + gloss + ') AND (' + $anchors + ')') YIELD node
  RETURN count(node) AS with_anchors
}
RETURN gloss, found, with_anchors
"""
# The decisions' English titles, which a question names in English words (search_api.titles).
DECISION_TITLES = ("MATCH (d:Decision)-[:HAS_TEXT]->(t) WHERE t.language = 'en' AND t.title IS NOT NULL "
                   "RETURN DISTINCT d.symbol AS symbol, t.title AS title")

# --- decisions and mandates ---

# The text of decision `d` shown: in $lang, else English (the language decisions are negotiated in), else any.
_SHOWN_TEXT = ("COLLECT { MATCH (d)-[:HAS_TEXT]->(t) RETURN t "
               "ORDER BY t.language <> $lang, t.language <> 'en', t.doc_id }[0]")

# One read, so the parts are consistent with each other. `p {…}` on a null passage is null.
# The maps are aliased so that ORDER BY sees the nodes, not the maps.
DECISION = """
MATCH (d:Decision {symbol: $symbol})
OPTIONAL MATCH (d)-[:ADOPTED_AT]->(s:Session)
OPTIONAL MATCH (d)-[:ADOPTED_BY]->(b:Body)
WITH d, s, b, """ + _SHOWN_TEXT + """ AS shown
RETURN d.symbol AS symbol, d.number AS number, d.title AS title, d.meeting AS meeting,
  toString(d.adopted_on) AS adopted_on, s.name AS session, b {.code, .name_zh, .name_en} AS body,
  COLLECT { MATCH (d)-[:HAS_TEXT]->(t) RETURN DISTINCT t.language ORDER BY t.language } AS languages,
  shown.language AS text_language,
  COLLECT {
    MATCH (d)-[:HAS_PASSAGE]->(p:Passage) WHERE p.doc_id = shown.doc_id
    OPTIONAL MATCH (section:Section)-[:CONTAINS]->(p)
    RETURN p {.source, .doc_id, .kind, .text, paragraph: CASE WHEN p:Paragraph THEN p.number END,
              heading: CASE WHEN section = shown THEN null ELSE section.title END} AS passage
    ORDER BY p.order
  } AS text,
  COLLECT {
    MATCH (d)-[:HAS_PASSAGE]->(:Passage)-[c:CITES]->(x:Decision) WHERE x <> d
    WITH x, collect(c.paragraphs) AS cited, collect(coalesce(c.annex_paragraphs, [])) AS annexed
    RETURN x {.symbol, .title, paragraphs: reduce(all = [], ps IN cited | all + [n IN ps WHERE NOT n IN all]),
              annex_paragraphs: reduce(all = [], ps IN annexed | all + [n IN ps WHERE NOT n IN all])}
      AS decision ORDER BY decision.symbol
  } AS cites,
  COLLECT {
    MATCH (m:Mandate)-[r:RESTS_ON]->(d)
    OPTIONAL MATCH (p:Passage)-[:STATES]->(m)
    OPTIONAL MATCH (m)-[:ISSUED_AT]->(ms:Session)
    OPTIONAL MATCH (m)-[:DUE_AT]->(due:Session)
    RETURN m {.kind, .addressee, .addressee_text, .action, .quote, .deadline, paragraphs: r.paragraphs,
              deadline_date: toString(m.deadline_date), deadline_session: due.name, session: ms.name,
              in_decision_text: EXISTS { (d)-[:HAS_PASSAGE]->(p) },
              reported_in: p {.source, .doc_id, .kind, .text, paragraph: CASE WHEN p:Paragraph THEN p.number END},
              followed_up_by: COLLECT { MATCH (f:Document)-[:FOLLOWS_UP]->(m) RETURN f.doc_id ORDER BY f.doc_id }}
      AS mandate
    ORDER BY m.doc_id, p.order, m.iri
  } AS mandates,
  COLLECT {
    MATCH (p:Passage)-[c:CITES]->(d)
    RETURN p {.source, .doc_id, .kind, .text, paragraph: CASE WHEN p:Paragraph THEN p.number END,
              paragraphs: coalesce(c.paragraphs, []), annex_paragraphs: coalesce(c.annex_paragraphs, []),
              via_footnotes: coalesce(c.via_footnotes, [])} AS citation
    ORDER BY p.source, p.order LIMIT $cited_by_limit
  } AS cited_by,
  COUNT { (:Passage)-[:CITES]->(d) } AS cited_by_count,
  COLLECT {
    MATCH (f:Document)-[:FOLLOWS_UP]->(:Mandate)-[:RESTS_ON]->(d)
    RETURN DISTINCT f {.doc_id, .source, .title} AS document ORDER BY document.source
  } AS followed_up_by
"""

# The documents a decision's RDF is cut from (graph.decision_rdf), with their RDF: the one whose text of it is shown
# (`holds_text`), and those restating a mandate that rests on it while holding no text of it; when there are none,
# one document citing it, for what the decision is (symbol, session, body).
DECISION_RDF_DOCUMENTS = """
MATCH (d:Decision {symbol: $symbol})
WITH d, """ + _SHOWN_TEXT + """.doc_id AS shown,
     COLLECT { MATCH (m:Mandate)-[:RESTS_ON]->(d)
               WHERE NOT EXISTS { (d)-[:HAS_TEXT]->(:DecisionText {doc_id: m.doc_id}) }
               RETURN DISTINCT m.doc_id } AS restating
WITH d, shown, CASE WHEN shown IS NULL AND restating = []
                    THEN COLLECT { MATCH (p)-[:CITES]->(d) RETURN p.doc_id ORDER BY p.doc_id LIMIT 1 }
                    ELSE [shown] + restating END AS doc_ids
UNWIND doc_ids AS doc_id
MATCH (doc:Document {doc_id: doc_id})
RETURN doc.doc_id AS doc_id, doc.rdf AS rdf, doc.doc_id = coalesce(shown, '') AS holds_text
"""

# A mandate given by a decision: as the decision's text states it or, while that text is not ingested, as a report
# restates it (so a mandate is listed once). A "basis cited" (work done under a decision) asks nobody anything.
MANDATES = """
MATCH (p:Passage)-[:STATES]->(m:Mandate) WHERE m.kind <> 'basis_cited' AND ($kind IS NULL OR m.kind = $kind)
  AND ($addressee IS NULL OR m.addressee = $addressee)
OPTIONAL MATCH (m)-[r:RESTS_ON]->(d:Decision)
WITH p, m, r, d, d IS NOT NULL AND EXISTS { (d)-[:HAS_PASSAGE]->(p) } AS in_text
WHERE (d IS NULL OR in_text OR NOT EXISTS { (d)-[:HAS_TEXT]->() })
  AND ($decision IS NULL OR d.symbol = $decision)
  AND ($session IS NULL OR EXISTS { (m)-[:ISSUED_AT]->(:Session {name: $session}) })
  AND ($due IS NULL OR EXISTS { (m)-[:DUE_AT]->(:Session {name: $due}) })
  AND ($status IS NULL OR ($status = 'answered') = EXISTS { (:Document)-[:FOLLOWS_UP]->(m) })
WITH p, m, r, d, in_text ORDER BY d.symbol, toInteger(split(coalesce(r.paragraphs[0], '0'), '(')[0]), m.iri
WITH collect([p, m, r, d, in_text]) AS rows
CALL (rows) {
  UNWIND rows[$offset .. $offset + $limit] AS row
  WITH row[0] AS p, row[1] AS m, row[2] AS r, row[3] AS d, row[4] AS in_text
  RETURN collect(m {.kind, .addressee, .addressee_text, .action, .deadline,
    deadline_date: toString(m.deadline_date), decision: d.symbol, paragraphs: coalesce(r.paragraphs, []),
    in_decision_text: in_text,
    session: COLLECT { MATCH (m)-[:ISSUED_AT]->(s) RETURN s.name }[0],
    deadline_session: COLLECT { MATCH (m)-[:DUE_AT]->(s) RETURN s.name }[0],
    stated_in: p {.source, .doc_id, .kind, .text, paragraph: CASE WHEN p:Paragraph THEN p.number END},
    followed_up_by: COLLECT { MATCH (f:Document)-[:FOLLOWS_UP]->(m) RETURN f {.doc_id, .source, .title} AS f
                              ORDER BY f.source },
    answered_in: COLLECT {
      MATCH (f:Document)-[:FOLLOWS_UP]->(m) MATCH (f)-[:HAS_PASSAGE]->(a:Passage)
      WHERE a <> p
        AND (EXISTS { (a)-[:CITES_PARAGRAPH]->(p) } OR EXISTS { (a)-[:STATES]->(:Mandate)<-[:FOLLOWS_UP]-(f) })
      RETURN a {.source, .doc_id, .kind, .text, paragraph: CASE WHEN a:Paragraph THEN a.number END} AS a
      ORDER BY a.source, a.order }}) AS mandates
}
RETURN size(rows) AS total, mandates
"""

# --- search ---

# Passage `p` passes the search filters: parameters $f_doc, $f_lang, $f_decision, $f_body, $f_kind (null: no filter).
FILTER_WHERE = """
  ($f_doc IS NULL OR p.doc_id = $f_doc OR p.source = $f_doc)
  AND ($f_kind IS NULL OR p.kind = $f_kind)
  AND ($f_lang IS NULL OR EXISTS { MATCH (doc:Document {doc_id: p.doc_id}) WHERE doc.language = $f_lang })
  AND ($f_decision IS NULL OR EXISTS { (p)-[:CITES]->(:Decision {symbol: $f_decision}) })
  AND ($f_body IS NULL
       OR EXISTS { (p)-[:CITES]->(:Decision)-[:ADOPTED_BY]->(:Body {code: $f_body}) }
       OR EXISTS { MATCH (doc:Document {doc_id: p.doc_id})-[:FOR_SESSION]->(:Session)
                         -[:OF_BODY]->(:Body {code: $f_body}) })
"""

# A signal's ranking (rows of uid and score, best first) as one record, a list of pairs: the driver decodes a record per
# row in Python, and that was most of a search's CPU outside the model.
RANKED = "RETURN collect([uid, score]) AS ranked"

# BM25 over a full-text index ($index: FULLTEXT_INDEX, ENGLISH_INDEX or GLOSS_INDEX) among the passages of one side
# ($english: the English passages, or the others); $n passages before filtering.
FULLTEXT_SEARCH = f"""
CALL db.index.fulltext.queryNodes($index, $query, {{limit: $n}}) YIELD node AS p, score
WHERE (p.language = 'en') = $english AND {FILTER_WHERE} WITH p.iri AS uid, score LIMIT $limit
{RANKED}
"""

# Passage `p` is not a row of figures: a table row whose cells after the first hold no word ("Argentina | 0.892 |
# 0.870"). Such a row's embedding says little and lies near every question: on the dev sets the English dense
# signal's first 3 passages held 41 of them, none relevant (there are 239 among 378 table rows). The dense signals
# leave them out; words still find them.
NOT_FIGURES = r"NOT (p.kind = 'table_row' AND p.text =~ '[^|]*(\\|[^\\p{L}|]*)+')"

# Nearest passages by embedding, of one language side: $index is its vector index (schema.PASSAGE_VECTOR_INDEX).
VECTOR_SEARCH = f"""
CALL db.index.vector.queryNodes($index, $n, $vector) YIELD node AS p, score
WHERE {NOT_FIGURES} AND {FILTER_WHERE} WITH p.iri AS uid, score LIMIT $limit
{RANKED}
"""

# Nearest passages by their nearer part, of one language side: the passage's own vector or one of its sentences'
# (a long passage's, graph.sentences). $index and $sentence_index are the side's vector indexes; each returns its
# best $n before the filters.
SENTENCE_SEARCH = f"""
CALL () {{
  CALL db.index.vector.queryNodes($index, $n, $vector) YIELD node AS p, score RETURN p, score
  UNION ALL
  CALL db.index.vector.queryNodes($sentence_index, $n, $vector) YIELD node AS s, score
  MATCH (p:Passage)-[:HAS_SENTENCE]->(s) RETURN p, score
}}
WITH p, max(score) AS score WHERE {NOT_FIGURES} AND {FILTER_WHERE}
WITH p.iri AS uid, score ORDER BY score DESC LIMIT $limit
{RANKED}
"""

# Section s of decision d is one of its annexes, or in one: "18/CMA.1.annex…", "5/CMA.5.annex-II…".
_IN_ANNEX = "s.key STARTS WITH d.symbol + '.annex'"


def annex_paragraph_in(cited: str) -> str:
    """Cypher: paragraph q of decision d, under section s, is one of `cited`, a list of its annex's paragraphs as CITES
    holds them (`symbols.annex_paragraph`: "146" of the annex, any of them; "II 1(e)" of annex II). An annex numbers
    its paragraphs from 1 again, so they are told apart by the annex's section: "18/CMA.1.annex…", "5/CMA.5.annex-II…"
    (in Roman numerals in any language)."""
    return f"""any(x IN {cited} WHERE q.number = split(last(split(x, ' ')), '(')[0] AND CASE WHEN x CONTAINS ' '
      THEN s.key = d.symbol + '.annex-' + split(x, ' ')[0]
           OR s.key STARTS WITH d.symbol + '.annex-' + split(x, ' ')[0] + '.'
      ELSE {_IN_ANNEX} END)"""


# The passages a decision named in the query ($asked: [{symbol, paragraphs, annex_paragraphs}]) leads to, by
# strength: the paragraph asked for in the decision's own text, or in its annex's (4), citations of that paragraph (3),
# passages stating a mandate resting on the decision (2), other citations of it (1).
DECISION_PASSAGES = """
UNWIND $asked AS asked
MATCH (d:Decision {symbol: asked.symbol})
CALL (d, asked) {
  MATCH (p:Passage)-[c:CITES]->(d)
  WITH p, c, [x IN asked.paragraphs WHERE x IN c.paragraphs] + [x IN asked.annex_paragraphs
                                                                 WHERE x IN c.annex_paragraphs] AS same
  RETURN p, CASE WHEN size(same) > 0 THEN 3 ELSE 1 END AS strength,
         'cites ' + d.symbol + CASE WHEN size(c.paragraphs) > 0
           THEN ' ¶' + reduce(s = '', x IN c.paragraphs | s + CASE s WHEN '' THEN '' ELSE ', ' END + x)
           ELSE '' END + CASE WHEN size(c.annex_paragraphs) > 0
           THEN ' annex ¶' + reduce(s = '', x IN c.annex_paragraphs | s + CASE s WHEN '' THEN '' ELSE ', ' END + x)
           ELSE '' END AS why
  UNION
  MATCH (p:Passage)-[:STATES]->(:Mandate)-[:RESTS_ON]->(d) WHERE NOT EXISTS { (d)-[:HAS_PASSAGE]->(p) }
  RETURN p, 2 AS strength, 'states a mandate resting on ' + d.symbol AS why
  UNION
  MATCH (d)-[:HAS_PASSAGE]->(p:Paragraph)<-[:CONTAINS]-(s:Section)
  WHERE p.number IN [x IN asked.paragraphs | split(x, '(')[0]] AND NOT """ + _IN_ANNEX + """
  RETURN p, 4 AS strength, 'paragraph ' + p.number + ' of ' + d.symbol AS why
  UNION
  MATCH (d)-[:HAS_PASSAGE]->(q:Paragraph)<-[:CONTAINS]-(s:Section)
  WHERE """ + annex_paragraph_in("asked.annex_paragraphs") + """
  RETURN q AS p, 4 AS strength, 'paragraph ' + q.number + ' of the annex to ' + d.symbol AS why
}
WITH p, strength, why WHERE strength >= $min_strength AND """ + FILTER_WHERE + """
RETURN p.iri AS uid, max(strength) AS strength, collect(DISTINCT why)[0] AS why, min(p.order) AS ord
ORDER BY strength DESC, ord LIMIT $limit
"""

# The sections of an agenda item the question names ($agenda_items: "5", "5(a)"), whose titles say it: "… (Agenda
# item 5)", "… (Agenda sub-item 5(a))", "…（议程项目 5）"; each `item` of them in turn, section `s`.
_TITLE = "replace(replace(replace(toLower(s.title), ' ', ''), '（', '('), '）', ')')"
_AGENDA_ITEM_TITLE = (f"any(form IN ['(agendaitem', '(agendasub-item', '(议程项目', '(议程分项目'] "
                      f"WHERE {_TITLE} CONTAINS form + item + ')')")
# ... in a report for a session it names (any report when it names none).
_FOR_NAMED_SESSION = """($sessions = [] OR EXISTS { MATCH (:Document {doc_id: p.doc_id})-[:FOR_SESSION]->(x:Session)
                                             WHERE x.name IN $sessions })"""
# The passages p under such sections, their sub-sections' included.
AGENDA_ITEM_PASSAGES = f"""UNWIND $agenda_items AS item
  MATCH (s:Section) WHERE {_AGENDA_ITEM_TITLE}
  MATCH (s)-[:HAS_SECTION*0..]->(:Section)-[:CONTAINS]->(p:Passage) WHERE {_FOR_NAMED_SESSION}"""

# The paragraphs of documents a query names by symbol with their numbers ($asked: [{symbol, paragraphs}]): "paragraph 12
# of FCCC/SBSTA/2024/7" (an annex's paragraphs are numbered from 1 again: each one so numbered).
DOCUMENT_PARAGRAPHS = """
UNWIND $asked AS asked
MATCH (:DocumentSymbol {symbol: asked.symbol})<-[:HAS_SYMBOL]-(:Document)-[:HAS_PASSAGE]->(p:Paragraph)
WHERE p.number IN asked.paragraphs AND """ + FILTER_WHERE + """
RETURN p.iri AS uid, 'paragraph ' + p.number + ' of ' + asked.symbol AS why ORDER BY p.order LIMIT $limit
"""

# The preambular paragraphs of decisions a query names by their place ($asked: [{symbol, paragraphs}]): "PP 6 of
# decision 2/CMA.5", its sixth, in each language of its text.
PREAMBULAR_PARAGRAPHS = """
UNWIND $asked AS asked
MATCH (:Decision {symbol: asked.symbol})-[:HAS_PASSAGE]->(p:PreambularParagraph)
WHERE p.number IN asked.paragraphs AND """ + FILTER_WHERE + """
RETURN p.iri AS uid, 'preambular paragraph ' + p.number + ' of ' + asked.symbol AS why ORDER BY p.order LIMIT $limit
"""

# The passages in the graph's scope of a question, ranked by BM25 within it ($searches: [{index, query}], each
# index's scores divided by its best). In scope: the own text of the decisions the question names ($decisions: a
# decision is asked about for what it says, not for who cites it); the text of the decisions adopted at a session it
# names ($sessions), the passages stating mandates issued there, the documents for it; and, for a question about a
# mandate ($mandate), the passages stating one to an addressee it names (to anyone when it names none: $addressees,
# "SBSTA" matching "SBSTA Chairs"). A passage counts once more for each thing it matches besides its words: the
# decision or session, the addressee, a deadline when the question asks for one ($deadline).
SCOPED_SEARCH = f"""
CALL () {{
  {AGENDA_ITEM_PASSAGES}
  RETURN collect(DISTINCT p) AS item_passages
}}
UNWIND [q IN $searches WHERE q.query <> ''] AS q
CALL (q) {{
  CALL db.index.fulltext.queryNodes(q.index, q.query, {{limit: $n}}) YIELD node, score
  RETURN collect([node, score]) AS found
}}
UNWIND found AS f
WITH item_passages, f[0] AS p, f[1] / found[0][1] AS score
WITH p, score,
  EXISTS {{ (p)<-[:HAS_PASSAGE]-(d:Decision) WHERE d.symbol IN $decisions }}
  OR EXISTS {{ (p)<-[:HAS_PASSAGE]-(:Decision)-[:ADOPTED_AT]->(s:Session) WHERE s.name IN $sessions }}
  OR EXISTS {{ (p)-[:STATES]->(:Mandate)-[:ISSUED_AT]->(s:Session) WHERE s.name IN $sessions }}
  OR EXISTS {{ MATCH (:Document {{doc_id: p.doc_id}})-[:FOR_SESSION]->(s:Session) WHERE s.name IN $sessions }}
  OR EXISTS {{ MATCH (:Document {{doc_id: p.doc_id}})-[:HAS_SYMBOL]->(s:DocumentSymbol) WHERE s.symbol IN $documents }}
  OR EXISTS {{ (p)-[:CITES_DOCUMENT]->(s:DocumentSymbol) WHERE s.symbol IN $documents }}
    AS in_named,
  p IN item_passages AS in_item,
  COLLECT {{ MATCH (p)-[:STATES]->(m:Mandate) WHERE m.kind <> 'basis_cited' RETURN m }} AS mandates
WITH p, score, in_named, in_item, mandates,
  any(m IN mandates WHERE any(a IN $addressees WHERE coalesce(m.addressee, '') STARTS WITH a)) AS addressed
WHERE (in_named OR in_item OR ($mandate AND mandates <> [] AND ($addressees = [] OR addressed))) AND {FILTER_WHERE}
WITH p, score * (1 + toInteger(in_named) + toInteger(in_item) + toInteger(addressed)
  + toInteger($deadline AND any(m IN mandates WHERE m.deadline IS NOT NULL))) AS score
WITH p.iri AS uid, max(score) AS score ORDER BY score DESC, uid LIMIT $limit
{RANKED}
"""

# The own text of the decisions a question names ($decisions) and of those adopted at a session it names ($sessions),
# and the passages of the documents it names by symbol ($documents), nearest first to the question's embedding
# ($vector), each by the nearer of its own embedding and its best sentence's, as SENTENCE_SEARCH ranks: a few hundred
# passages, compared one by one.
DECISION_TEXT_NEAREST = f"""
CALL () {{
  MATCH (d:Decision)-[:HAS_PASSAGE]->(p:Passage)
  WHERE d.symbol IN $decisions OR EXISTS {{ (d)-[:ADOPTED_AT]->(s:Session) WHERE s.name IN $sessions }}
  RETURN p
  UNION
  MATCH (s:DocumentSymbol)<-[:HAS_SYMBOL]-(:Document)-[:HAS_PASSAGE]->(p:Passage) WHERE s.symbol IN $documents
  RETURN p
  UNION
  {AGENDA_ITEM_PASSAGES}
  RETURN p
}}
WITH p WHERE {NOT_FIGURES} AND {FILTER_WHERE}
WITH p, vector.similarity.cosine(p.embedding, $vector) AS own,
     COLLECT {{ MATCH (p)-[:HAS_SENTENCE]->(s) RETURN vector.similarity.cosine(s.embedding, $vector) }} AS sentences
WITH p.iri AS uid, reduce(best = own, x IN sentences | CASE WHEN x > best THEN x ELSE best END) AS score
ORDER BY score DESC, uid LIMIT $limit
{RANKED}
"""

# For each passage ($uids), the decision paragraphs it cites and the passages citing it, and, for a numbered
# paragraph, the numbered paragraph that follows it in its section: those that pass the filters.
LINKED_PASSAGES = f"""
UNWIND $uids AS uid MATCH (hit:Passage {{iri: uid}})
RETURN uid, COLLECT {{ MATCH (hit)-[:CITES_PARAGRAPH]-(p) WHERE {FILTER_WHERE} RETURN DISTINCT p.iri }} AS linked,
       COLLECT {{ MATCH (s:Section)-[:CONTAINS]->(hit), (s)-[:CONTAINS]->(p:Passage {{kind: 'paragraph'}})
                 WHERE hit.kind = 'paragraph' AND p.order = hit.order + 1 AND {FILTER_WHERE}
                 RETURN p.iri }} AS following
"""

# What ranking needs to know of each passage ($uids): its language, what kind of text it is ("abbreviation" for
# a row of a table of abbreviations), and the text of those in $read, for the question's terms they hold (matched in
# Python: in Cypher the same matching took 17 ms more). One record of lists rather than a record per passage:
# decoding records is most of the driver's work here.
PASSAGE_FACTS = """
MATCH (p:Passage) WHERE p.iri IN $uids
RETURN collect(p.iri) AS uids, collect(p.language) AS languages,
       collect(CASE WHEN p.key STARTS WITH 'abbr.' THEN 'abbreviation' ELSE p.kind END) AS kinds,
       collect(CASE WHEN p.iri IN $read THEN coalesce(p.text, '') ELSE '' END) AS texts
"""

# What a hit shows of each passage ($uids).
HITS = """
UNWIND $uids AS uid MATCH (p:Passage {iri: uid})
RETURN uid, p.source AS source, p.doc_id AS doc_id, p.kind AS kind, p.text AS text,
       CASE WHEN p:Paragraph THEN p.number END AS paragraph, p.language AS language,
       COLLECT { MATCH (d:Decision)-[:HAS_PASSAGE]->(p) RETURN d.symbol }[0] AS decision,
       COLLECT { MATCH (p)-[:CITES]->(d:Decision) RETURN DISTINCT d.symbol ORDER BY d.symbol } AS decisions
"""

# The facets of a search's candidates ($uids): how many of them each value of a filter keeps (FILTER_WHERE's terms:
# the document, the bodies whose decisions they cite or for whose sessions their document is, the decisions they
# cite, the document's language, the passage's kind), most first.
FACETS = """
UNWIND $uids AS uid MATCH (p:Passage {iri: uid}) MATCH (doc:Document {doc_id: p.doc_id})
WITH p, doc, COLLECT { MATCH (p)-[:CITES]->(d:Decision) RETURN DISTINCT d.symbol } AS decisions,
     COLLECT { MATCH (p)-[:CITES]->(:Decision)-[:ADOPTED_BY]->(b:Body) RETURN b.code AS code
               UNION MATCH (doc)-[:FOR_SESSION]->(:Session)-[:OF_BODY]->(b:Body) RETURN b.code AS code } AS bodies
WITH collect({doc: doc {.doc_id, .source, .title}, language: doc.language, kind: p.kind, decisions: decisions,
              bodies: bodies}) AS rows
RETURN size(rows) AS candidates,
  COLLECT { UNWIND rows AS r WITH r.doc AS doc, count(*) AS n
            RETURN doc {value: doc.doc_id, .source, .title, count: n} ORDER BY n DESC, doc.source } AS doc,
  COLLECT { UNWIND rows AS r UNWIND r.bodies AS v WITH v, count(*) AS n
            RETURN {value: v, count: n} ORDER BY n DESC, v } AS body,
  COLLECT { UNWIND rows AS r UNWIND r.decisions AS v WITH v, count(*) AS n
            RETURN {value: v, count: n} ORDER BY n DESC, v LIMIT $max_decisions } AS decision,
  COLLECT { UNWIND rows AS r WITH r.language AS v, count(*) AS n WHERE v IS NOT NULL
            RETURN {value: v, count: n} ORDER BY n DESC, v } AS lang,
  COLLECT { UNWIND rows AS r WITH r.kind AS v, count(*) AS n
            RETURN {value: v, count: n} ORDER BY n DESC, v } AS kind
"""

# --- suggestions: what type-ahead completes (search_api.suggest), read once a while, never per keystroke ---

SUGGESTIBLE_DECISIONS = "MATCH (d:Decision) RETURN d.symbol AS symbol, d.title AS title"
SUGGESTIBLE_DOCUMENTS = "MATCH (d:Document) RETURN d.doc_id AS doc_id, d.source AS source, d.title AS title"
