"""The HTTP API and the web search page."""

from search_api.api.app import create_app, serve

__all__ = ["create_app", "serve"]
