"""URLs of filtered views: every filter lives in the query string, so a view can
be shared, and each facet value is a link that adds or removes it."""
from __future__ import annotations

from urllib.parse import urlencode

from fastapi import HTTPException

from ngoaigiao.filters import EventFilters, FilterError, from_query

DOWNLOADS = ("csv", "jsonl", "parquet", "tsv")


def event_filters_of(request) -> EventFilters:
    """The request's event filters; a bad one is a 422 naming the parameter."""
    try:
        return from_query(request.query_params)
    except FilterError as exc:
        raise HTTPException(422, f"invalid request: {exc.param}: {exc.reason}") from None


class ViewURL:
    """Links of one view (`path` + its multi-valued params), for templates."""

    def __init__(self, path: str, params: list[tuple[str, str]]):
        self.path = path
        self.params = [(k, v) for k, v in params if k not in ("page", "lang")]
        self._query = urlencode(self.params)  # encoded once: a facet panel asks for ~80 links
        self._set = set(self.params)

    def _url(self, params, path=None) -> str:
        q = urlencode(params)
        return (path or self.path) + ("?" + q if q else "")

    def has(self, name: str, value: str) -> bool:
        return (name, value) in self._set

    def toggle(self, name: str, value: str) -> str:
        """The view with `value` of `name` added, or removed when already there."""
        if self.has(name, value):
            return self._url([p for p in self.params if p != (name, value)])
        # = urlencode(self.params + [(name, value)]), without encoding the view again
        added = urlencode([(name, value)])
        return f"{self.path}?{self._query}&{added}" if self._query else f"{self.path}?{added}"

    def only(self, name: str, value: str) -> str:
        """The view with `name` set to `value` alone."""
        return self._url([p for p in self.params if p[0] != name] + [(name, value)])

    def drop(self, name: str) -> str:
        return self._url([p for p in self.params if p[0] != name])

    def here(self) -> str:
        return self._url(self.params)

    def query(self) -> str:
        return self._query

    def download(self, fmt: str) -> str:
        return self._url(self.params, path=f"/api/events.{fmt}")

    def elsewhere(self, path: str) -> str:
        """The same filters on another page (events -> map, chart)."""
        return self._url(self.params, path=path)
