"""The ontology and the shapes parse, agree with each other, and cover everything the RDF builder emits."""

from __future__ import annotations

from functools import cache

from rdflib import OWL, RDF, RDFS, SH, Graph, Literal, URIRef

from graph.rdf import CKG, build_graph
from graph.validate import shapes_graph
from paths import REPO_ROOT
from sample_documents import annual_report

ONTOLOGY = URIRef("https://w3id.org/climate-kg/ontology")


@cache
def ontology_graph() -> Graph:
    return Graph().parse(REPO_ROOT / "ontology" / "climate-kg.ttl", format="turtle")


def ckg_terms(nodes) -> set[URIRef]:
    return {n for n in nodes if isinstance(n, URIRef) and n.startswith(str(CKG))}


def declared(kind) -> set[URIRef]:
    return ckg_terms(ontology_graph().subjects(RDF.type, kind))


def classes_in_shapes(shapes: Graph) -> set[URIRef]:
    return ckg_terms([*shapes.objects(None, SH.targetClass), *shapes.objects(None, SH["class"])])


def properties_in_shapes(shapes: Graph) -> set[URIRef]:
    paths = [*shapes.objects(None, SH.path), *shapes.objects(None, SH.inversePath),
             *shapes.objects(None, SH.targetSubjectsOf)]
    return ckg_terms(paths)


def test_ontology_parses_as_an_owl_ontology():
    g = ontology_graph()
    assert (ONTOLOGY, RDF.type, OWL.Ontology) in g
    assert len(declared(OWL.Class)) >= 15


def test_every_term_has_chinese_and_english_labels():
    g = ontology_graph()
    terms = declared(OWL.Class) | declared(OWL.ObjectProperty) | declared(OWL.DatatypeProperty)
    for term in terms:
        langs = {label.language for label in g.objects(term, RDFS.label) if isinstance(label, Literal)}
        assert {"zh", "en"} <= langs, f"{term} lacks a zh or en label"


def test_shapes_use_only_declared_classes_and_properties():
    shapes = shapes_graph()
    assert classes_in_shapes(shapes) - declared(OWL.Class) == set()
    properties = declared(OWL.ObjectProperty) | declared(OWL.DatatypeProperty)
    assert properties_in_shapes(shapes) - properties == set()


def test_every_class_has_a_shape():
    assert declared(OWL.Class) - ckg_terms(shapes_graph().objects(None, SH.targetClass)) == set()


def test_builder_emits_only_declared_terms():
    g = build_graph(annual_report())
    properties = declared(OWL.ObjectProperty) | declared(OWL.DatatypeProperty)
    assert ckg_terms(g.objects(None, RDF.type)) - declared(OWL.Class) == set()
    assert ckg_terms(g.predicates()) - properties == set()


def test_class_hierarchy_reuses_standard_vocabularies():
    g = ontology_graph()
    eli = "http://data.europa.eu/eli/ontology#"
    assert (CKG.Decision, RDFS.subClassOf, URIRef(eli + "LegalResource")) in g
    assert (CKG.DecisionParagraph, RDFS.subClassOf, URIRef(eli + "LegalResourceSubdivision")) in g
    assert (CKG.Body, RDFS.subClassOf, URIRef("http://www.w3.org/ns/org#FormalOrganization")) in g
    assert (CKG.followsUp, RDFS.subPropertyOf, URIRef("http://www.w3.org/ns/prov#wasInfluencedBy")) in g
    for sub in (CKG.Paragraph, CKG.TableRow, CKG.Block, CKG.Caption):
        assert (sub, RDFS.subClassOf, CKG.Passage) in g
