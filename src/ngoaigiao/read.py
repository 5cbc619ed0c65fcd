"""Read: bytes -> Article with decoded text (placeholder until the full reader lands)."""
from __future__ import annotations

from ngoaigiao.article import Article
from ngoaigiao.errors import InputError
from ngoaigiao.textnorm import match_form, nfc_with_map


def read_article(data: bytes | str, id: str, source: str | None = None) -> Article:
    if isinstance(data, bytes):
        try:
            raw = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InputError(source, f"not valid UTF-8 ({exc.reason} at byte {exc.start})") from None
    else:
        raw = data
    if not raw.strip():
        raise InputError(source, "empty")
    text, raw_map = nfc_with_map(raw)
    return Article(id=id, raw=raw, text=text, match=match_form(text), source=source, raw_map=raw_map)
