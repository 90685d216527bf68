"""Content negotiation: the media type an Accept header picks among those a resource is served in, and RDF
responses in the ontology's prefixes."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import mimeparse
from fastapi.responses import Response
from pyoxigraph import Quad, RdfFormat, Triple, serialize

from graph.errors import NotAcceptable
from graph.rdf import SERIALIZATION_PREFIXES
from search_api.api.models import Error

JSON = "application/json"
TURTLE = "text/turtle"
JSON_LD = "application/ld+json"
N_TRIPLES = "application/n-triples"
N_QUADS = "application/n-quads"
# A document or a decision: JSON by default, else its RDF in one of these.
RESOURCE = [JSON, TURTLE, JSON_LD]


def choose(accept: str | None, offered: list[str]) -> str:
    """The media type of `offered` that `accept` prefers; the first of `offered` when it names none in particular
    (no header, */*); NotAcceptable when it accepts none of them."""
    try:  # on a tie mimeparse takes the last one offered: the default goes last
        best = mimeparse.best_match(offered[::-1], accept or "*/*")
    except mimeparse.MimeTypeParseException:
        best = ""
    if not best:
        raise NotAcceptable(f"cannot answer Accept: {accept}; this resource is served as {', '.join(offered)}")
    return best


def rdf_response(statements: Iterable[Triple] | Iterable[Quad], media_type: str) -> Response:
    return Response(serialize_rdf(statements, media_type), media_type=media_type, headers={"Vary": "Accept"})


def serialize_rdf(statements: Iterable[Triple] | Iterable[Quad], media_type: str) -> bytes:
    serialized = serialize(statements, format=RdfFormat.from_media_type(media_type), prefixes=SERIALIZATION_PREFIXES)
    assert serialized is not None  # given no output, serialize returns the bytes
    return serialized


def responses(media_types: list[str], description: str) -> dict[int | str, dict[str, Any]]:
    """OpenAPI: a 200 also served as `media_types`, and the 406."""
    content = {media_type: {"schema": {"type": "object" if media_type.endswith("json") else "string"}}
               for media_type in media_types}
    return {200: {"description": description, "content": content},
            406: {"model": Error, "description": "The Accept header names no format this resource is served in"}}
