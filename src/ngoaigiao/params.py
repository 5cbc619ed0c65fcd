"""Checks of user-given filter values, shared by the CLI and the web API, so both
refuse the same inputs with the same words: a date that does not exist
(2024-13-45), an unknown event type, a country that is neither a code nor a
name we know, an id too large for the database's integers."""
from __future__ import annotations

import datetime as dt
import re

from ngoaigiao.countries import ACCEPTED, country_code

EVENT_TYPES = ("talks", "meeting", "phone_call", "video_call", "visit", "signing", "message", "other")
MAX_ID = 2**63 - 1  # SQLite INTEGER and PostgreSQL BIGINT
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def date_problem(value: str) -> str | None:
    """Why `value` is not a YYYY, YYYY-MM or YYYY-MM-DD date that exists; None when it is one."""
    m = _DATE.match(value)
    if not m:
        return f"{value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"
    y, mo, d = (int(x) if x else None for x in m.groups())
    if mo is not None and not 1 <= mo <= 12:
        return f"{value!r} has no month {mo} (YYYY-MM-DD)"
    if d is not None:
        try:
            dt.date(y, mo, d)
        except ValueError:
            return f"{value!r} is not a day of the calendar"
    return None


def type_problem(value: str) -> str | None:
    if value in EVENT_TYPES:
        return None
    return f"{value!r} is not an event type (one of {', '.join(EVENT_TYPES)})"


def resolve_country(value: str) -> tuple[str | None, str | None]:
    """(ISO code, None) or (None, why not) for a code or a country name in Vietnamese or English."""
    code = country_code(value)
    if code:
        return code, None
    return None, f"{value!r} is not a country we know ({ACCEPTED})"


_ASCII_DIGITS = re.compile(r"^[0-9]{1,25}$")


def numeric_id(value) -> int | None:
    """`value` as a database id when it is one (an int, or ASCII digits) and fits in 64 bits;
    None otherwise. An id beyond 2^63-1 exists nowhere: a miss, never an OverflowError."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 0 <= value <= MAX_ID else None
    if isinstance(value, str) and _ASCII_DIGITS.match(value):
        n = int(value)
        return n if n <= MAX_ID else None
    return None


def looks_numeric(value) -> bool:
    """An int or a string of ASCII digits (an id, in range or not), as opposed to a name."""
    return (isinstance(value, int) and not isinstance(value, bool)) or \
        (isinstance(value, str) and value.isascii() and value.isdigit())


def searchable(text: str | None) -> bool:
    """Whether a search text has a letter or digit once folded: one made only of
    combining marks, direction marks or punctuation matches nothing, and must not
    be taken as "no filter" silently."""
    from ngoaigiao.textnorm import fold

    return bool(text) and any(c.isalnum() for c in fold(text))
