"""The HTTP API's search response bodies (`climate-kg search --json` prints the same) and the passage shape
the other endpoints share."""

from __future__ import annotations

from pydantic import BaseModel, Field


class Why(BaseModel):
    """Why a passage matched: its rank in each signal that found it, and what that signal matched on."""

    ranks: dict[str, int] = Field(description='Signal -> 1-based rank in it, e.g. {"lexical": 1, "dense": 4}')
    matched: dict[str, str] = Field(description="Signal -> the terms, rendering or graph relation it matched")
    holds: list[str] = Field(default_factory=list, description=(
        "The question's terms the passage's text holds: the more of the question (by weight) it holds, the more its "
        "score counts"))


class PassageRef(BaseModel):
    """One passage as the API shows it: a search hit, a citing passage, the passage stating a mandate."""

    source: str = Field(description="The ingested file name")
    doc_id: str
    paragraph: str | None = Field(description="The paragraph number as written, for numbered paragraphs")
    kind: str = Field(description="paragraph | table_row | block | caption")
    text: str = Field(description="One passage with its footnote texts (at most about 1,500 characters)")


class Hit(PassageRef):
    score: float
    language: str = Field(description="The passage's language", examples=["zh", "en"])
    decision: str | None = Field(description="The decision whose own text the passage is, if any",
                                 examples=["1/CMA.5"])
    decisions: list[str] = Field(description="Decisions the passage cites, itself or through its footnotes")
    why: Why


class QueryUnderstanding(BaseModel):
    language: str
    decisions: list[str] = Field(description="The decisions the query names: by symbol, or by the title of one whose "
                                 "text is in the graph")
    documents: list[str] = Field(description="The UN documents the query names by symbol (FCCC/SBSTA/2024/7)")
    sessions: list[str]
    # What each language writes its own way (docs/search.md, step 19): empty unless the query names one.
    articles: list[str] = Field(default_factory=list, description="Treaty articles, as the decisions write them: "
                                "\"Article 9, paragraph 5\" for 第九条第五款")
    agenda_items: list[str] = Field(default_factory=list, description="Agenda items: \"5(a)\" for \"agenda sub-item "
                                    "5(a)\"")
    dates: list[str] = Field(default_factory=list, description="Days and months, ISO: \"2024-12-31\", \"2034-06\"")
    amounts: list[str] = Field(default_factory=list, description="Sums of money and other counts: \"USD 100 billion\" "
                               "for 1000亿美元, \"5 million\" for 500万")
    percentages: list[str] = Field(default_factory=list, description="Shares: \"43%\" for \"43 per cent\"")
    temperatures: list[str] = Field(default_factory=list, description="Temperatures: \"1.5 °C\"")
    acronyms: list[str]
    terms: list[str] = Field(description="The weighted terms sent to the lexical index, heaviest first")
    dense_text: str = Field(description="The text embedded for the dense signal")


class SearchResponse(BaseModel):
    query: str
    took_ms: float
    offset: int
    k: int
    hits: list[Hit]
    understood: QueryUnderstanding
