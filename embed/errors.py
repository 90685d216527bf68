"""Errors of the embedding package, importable without loading torch (the CLI reports them as one line)."""


class ModelNotFoundError(RuntimeError):
    """CLIMATE_KG_MODEL names no model that is on this machine (nothing is downloaded)."""
