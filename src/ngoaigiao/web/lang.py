"""Interface strings: Vietnamese by default, English on request.

Strings live in i18n/<lang>.json so a translator edits data, not code. The
language comes from ?lang=, then the `lang` cookie, then Vietnamese.
"""
from __future__ import annotations

import functools
import json
import os
from pathlib import Path

from starlette.requests import Request

I18N_DIR = Path(__file__).resolve().parent / "i18n"
LANGS = ("vi", "en")
DEFAULT = "vi"
COOKIE = "lang"
# NGOAIGIAO_I18N_STRICT=1: a key missing from a language's file is shown as ⟦key⟧ (the English walk test)
STRICT = os.environ.get("NGOAIGIAO_I18N_STRICT", "") not in ("", "0")


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
        got = self.table.get(key)
        if got:
            return got
        if STRICT:  # tests: an untranslated string shows, instead of silently falling back
            return f"⟦{key}⟧"
        return self.fallback.get(key) or key

    def type(self, code: str | None) -> str:
        if not code:
            return "—"
        return self.table.get(f"type.{code}") or code.replace("_", " ")

    def country(self, code: str | None) -> str:
        """The country's name (data/countries.tsv, places.tsv); the code itself when unknown."""
        if not code:
            return "—"
        from ngoaigiao.countries import country_name  # noqa: PLC0415

        return self.table.get(f"country.{code}") or country_name(code, self.lang) or code

    def named(self, code: str | None) -> bool:
        """Whether the country has a name beside its code (so a page does not show 'MN MN')."""
        return bool(code) and self.country(code) != code

    def term(self, text: str | None) -> str:
        """A title, an organisation or a phrase of them: English from the glossary in English."""
        if not text or self.lang != "en":
            return text or ""
        from ngoaigiao.glossary import english  # noqa: PLC0415

        return english(text)

    def place(self, name: str | None) -> str:
        if not name or self.lang != "en":
            return name or ""
        from ngoaigiao.glossary import place_english  # noqa: PLC0415

        return place_english(name)

    def role(self, code: str | None) -> str:
        if not code:
            return ""
        return self.table.get(f"role.{code}") or code.replace("_", " ")

    def level(self, code: str | None) -> str:
        if not code:
            return ""
        return self.table.get(f"level.{code}") or code

    def types(self) -> list[str]:
        return [k.split(".", 1)[1] for k in self.table if k.startswith("type.")]
