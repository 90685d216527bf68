"""SHACL validation of one document's RDF graph against ontology/shapes.ttl, before it is loaded.

The builder asserts every class explicitly, so validation runs without inference (fast enough for
every ingest). A violation raises DocumentInvalid naming the file and the passage concerned.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from pyshacl import validate
from rdflib import RDF, SH, Graph, Node, URIRef

from graph.errors import DocumentError
from graph.rdf import CKG

_MAX_HOPS = 4  # body <- session <- decision <- citation <- passage


@cache
def shapes_graph() -> Graph:
    return Graph().parse(data=files("ontology").joinpath("shapes.ttl").read_text("utf-8"), format="turtle")


class DocumentInvalid(DocumentError):
    """The document's graph breaks the shapes; `violations` lists every one, each naming its passage."""

    def __init__(self, source: str, violations: list[str]):
        self.violations = violations
        more = f" (and {len(violations) - 1} more)" if len(violations) > 1 else ""
        super().__init__(source, f"{violations[0]}{more}")


def _where(g: Graph, node: Node) -> str:
    """The nearest passage (else footnote) that holds or refers to `node`, else "document"."""
    frontier, seen = [node], {node}
    for _ in range(_MAX_HOPS + 1):
        for cls in (CKG.Passage, CKG.Footnote):
            for n in frontier:
                if (n, RDF.type, cls) not in g:
                    continue
                number, key = g.value(n, CKG.number), g.value(n, CKG.key)
                if cls == CKG.Footnote:
                    return f"footnote {number}"
                return f"paragraph {number} (passage {key})" if number is not None else f"passage {key}"
        frontier = [s for n in frontier for s in g.subjects(None, n) if s not in seen]
        seen.update(frontier)
    return "document"


def _describe(g: Graph, report: Graph, result: Node) -> str:
    """ "paragraph 3 (passage p3): Decision 1/XX.5 ckg:symbol value 1/XX.5: a decision symbol looks like …"."""
    focus = report.value(result, SH.focusNode)
    assert focus is not None  # SHACL gives every result a focus node
    path = report.value(result, SH.resultPath)
    value = report.value(result, SH.value)
    kinds = sorted(g.objects(focus, RDF.type), key=lambda t: t == CKG.Passage)  # Paragraph before Passage
    kind = kinds[0] if kinds else None
    name = g.value(focus, CKG.symbol) or g.value(focus, CKG.name) or g.value(focus, CKG.key) or ""
    text = f"{_where(g, focus)}: {g.qname(kind) if isinstance(kind, URIRef) else focus} {name}".rstrip()
    if isinstance(path, URIRef):
        text += f" {g.qname(path)}"
    if value is not None and value != focus:
        text += f" value {str(value)[:80]!r}"
    return f"{text}: {report.value(result, SH.resultMessage)}"


def check(g: Graph, source: str) -> None:
    """Raise DocumentInvalid unless `g` (one document's graph) conforms to the shapes."""
    conforms, report, _text = validate(g, shacl_graph=shapes_graph(), inference="none", advanced=False)
    if conforms:
        return
    results = report.subjects(RDF.type, SH.ValidationResult)
    raise DocumentInvalid(source, sorted({_describe(g, report, r) for r in results}))
