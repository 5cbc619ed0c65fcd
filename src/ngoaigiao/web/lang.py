"""Interface strings: Vietnamese by default, English on request.

Strings live in i18n/<lang>.json so a translator edits data, not code. The
language comes from ?lang=, then the `lang` cookie, then Vietnamese.
"""
from __future__ import annotations

import functools
import json
from pathlib import Path

from starlette.requests import Request

I18N_DIR = Path(__file__).resolve().parent / "i18n"
LANGS = ("vi", "en")
DEFAULT = "vi"
COOKIE = "lang"


@functools.cache
def strings(lang: str) -> dict[str, str]:
    return json.loads((I18N_DIR / f"{lang}.json").read_text(encoding="utf-8"))


def pick(request: Request) -> tuple[str, bool]:
    """The language for this request, and whether it was asked for in the URL."""
    asked = request.query_params.get("lang")
    if asked in LANGS:
        return asked, True
    cookie = request.cookies.get(COOKIE)
    return (cookie if cookie in LANGS else DEFAULT), False


class Translator:
    def __init__(self, lang: str):
        self.lang = lang
        self.table = strings(lang)
        self.fallback = strings(DEFAULT)

    def __call__(self, key: str) -> str:
        return self.table.get(key) or self.fallback.get(key) or key

    def type(self, code: str | None) -> str:
        if not code:
            return "—"
        return self.table.get(f"type.{code}") or code.replace("_", " ")

    def country(self, code: str | None) -> str:
        if not code:
            return "—"
        return self.table.get(f"country.{code}") or code

    def types(self) -> list[str]:
        return [k.split(".", 1)[1] for k in self.table if k.startswith("type.")]
