"""Request checks that run before a route: HEAD, the write token of an API upload.

- HEAD is answered wherever GET is (pages, API, static files): the request runs
  as a GET and only the status and headers are sent. Monitors and link
  checkers use HEAD; a 405 told them the page did not exist.
- POST /api/import carries its token in a header, so a request without the
  right token is refused (403) before a byte of its body is read: no one
  without the token can make the server parse a multipart body.
"""
from __future__ import annotations

import hmac

API_UPLOAD = "/api/import"


def header_token(headers: dict[bytes, bytes]) -> str | None:
    """The write token an API request carries (X-Write-Token or Authorization: Bearer)."""
    given = headers.get(b"x-write-token")
    if given:
        return given.decode("latin-1")
    auth = headers.get(b"authorization", b"").decode("latin-1")
    return auth[7:] if auth.lower().startswith("bearer ") else None


def token_matches(given: str | None, expected: str | None) -> bool:
    return bool(given and expected and hmac.compare_digest(given.encode(), expected.encode()))


def upload_refusal(scope) -> tuple[int, str] | None:
    """(403, why) for an API upload without the right token; None to let it through."""
    if scope["method"] != "POST" or scope["path"] != API_UPLOAD:
        return None
    app = scope.get("app")
    expected = getattr(getattr(app, "state", None), "write_token", None)
    if not expected:
        return 403, "the server is read-only: start it with --write-token to allow imports"
    if not token_matches(header_token(dict(scope["headers"])), expected):
        return 403, "missing or wrong write token"
    return None


class HeadMiddleware:
    """HEAD = GET without the body."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "HEAD":
            return await self.app(scope, receive, send)
        scope = dict(scope, method="GET")

        async def headers_only(message):
            if message["type"] == "http.response.body":
                if message.get("more_body"):
                    return  # drop the body; the last (empty) message ends the response
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app(scope, receive, headers_only)
