"""The caching policy and If-None-Match's comparison (search_api.api.caching); the headers on real answers are
tested in test_api.py."""

from __future__ import annotations

import pytest

from search_api.api.caching import cache_control, etag, matches, weak_etag


@pytest.mark.parametrize("path, expected", [
    ("/search", "public, max-age=300"), ("/search/facets", "public, max-age=300"), ("/suggest", "public, max-age=300"),
    ("/decisions/1/CMA.5", "public, max-age=300"), ("/documents", "public, max-age=300"),
    ("/health", "no-store"), ("/admin/documents/x", "no-store"),
    ("/", "no-cache"), ("/docs", "no-cache"), ("/static/app.js", "no-cache"), ("/searching", "no-cache"),
])
def test_cache_control_by_family(path, expected):
    assert cache_control(path, 300) == expected


def test_if_none_match_compares_weakly():
    tag = etag(b"body")
    assert tag.startswith('"') and tag != etag(b"body2") and weak_etag(b"body") == "W/" + tag
    assert matches(tag, tag) and matches(f'"other", {tag}', tag) and matches("*", tag)
    assert matches("W/" + tag, tag) and matches(tag, "W/" + tag)
    assert not matches('"other"', tag) and not matches(tag[:-2] + '"', tag)
