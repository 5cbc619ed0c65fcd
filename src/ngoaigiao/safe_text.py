"""Text from outside that is shown or stored: file names and messages.

- `fs_text(name)`: a file name as the OS gave it (undecodable bytes kept as
  surrogate escapes, PEP 383) turned into valid Unicode, the bad bytes written
  `\\xff`, so it can be printed on a UTF-8 terminal, put in JSON and stored.
  Open the file with the original name, never with this one.
- `printable(text)`: control characters (and bidirectional overrides) escaped,
  so a file name such as "\\x1b]0;pwned\\x07.txt" cannot set the terminal's
  title or hide part of a message when it is printed on stderr.
"""
from __future__ import annotations

import os
import re

# C0 and C1 controls, DEL, lone surrogates, and the bidi controls that can reorder a line.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")


def fs_text(name: str) -> str:
    """`name` with any undecodable file-name bytes as `\\xNN` (unchanged when it is clean)."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        return os.fsencode(name).decode("utf-8", "backslashreplace")


def _escape(m: re.Match[str]) -> str:
    ch = m.group()
    if ch == "\t":
        return "\\t"
    if ch == "\n":
        return "\\n"
    return f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}"


def printable(text: str) -> str:
    """`text` safe to write to a terminal: control characters escaped, nothing else changed."""
    return _UNSAFE.sub(_escape, text) if _UNSAFE.search(text) else text
