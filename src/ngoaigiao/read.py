"""Read: bytes or text -> `Article` with decoded, NFC-normalised text.

What this stage guarantees to the later ones:
- `article.raw` is the decoded page (for HTML: the text trafilatura extracted
  from it, with the headline as its first line; the HTML itself is not kept,
  so every offset in the output points into text a reader can see).
- `article.text` is NFC of `raw` (`raw_map` maps back when they differ) and
  `article.match` its matching form (`textnorm.match_form`), same length.
- `article.encoding` names what the bytes were decoded as.

Everything unusable raises `errors.InputError(source, reason)` with a reason a
user understands: empty, binary (by magic bytes or NUL bytes), too large,
undecodable or damaged UTF-8, or not Vietnamese.
"""
from __future__ import annotations

import functools
import math
import re
import unicodedata
from itertools import filterfalse

from ngoaigiao.article import Article
from ngoaigiao.data import load_lines
from ngoaigiao.errors import InputError
from ngoaigiao.textnorm import fold, match_form, nfc_with_map

DEFAULT_MAX_BYTES = 5_000_000  # a news page is < 200 kB; 5 MB leaves room for odd dumps
# The limit `read_article` applies when not given one; `ngoaigiao extract --max-bytes`
# sets it (also in worker processes) so that `pipeline.process` honours it.
MAX_BYTES = DEFAULT_MAX_BYTES
VI_SAMPLE = 6000  # characters looked at to decide whether a text is Vietnamese
QUICK_SAMPLE = 1500


def set_max_bytes(limit: int) -> None:
    global MAX_BYTES
    MAX_BYTES = int(limit)

# File signatures of formats people drop into a folder of articles by mistake.
_MAGIC = [
    (b"\x89PNG", "PNG image"), (b"%PDF", "PDF document"), (b"\x1f\x8b", "gzip archive"),
    (b"PK\x03\x04", "zip archive (or .docx/.xlsx)"), (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"), (b"BZh", "bzip2 archive"), (b"\xfd7zXZ", "xz archive"),
    (b"7z\xbc\xaf", "7z archive"), (b"\x7fELF", "executable"),
    (b"\xd0\xcf\x11\xe0", "MS Office document"), (b"RIFF", "RIFF media file"),
    (b"\x28\xb5\x2f\xfd", "zstd archive"),
]
_BOMS = [
    (b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"),
]
_HTML_START = re.compile(rb"^\s*(<!doctype\s+html|<html|<head|<body|<!--|<meta|<div|<p[\s>])", re.I)
_HTML_TAGS = re.compile(r"</?(p|div|span|br|a|h[1-6]|body|article|li|td)\b[^>]*>", re.I)
_UTF8_MULTI = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_VI_LETTERS = frozenset(
    "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
)
_WORD = re.compile(r"[^\W\d_]+")


def read_article(data: bytes | str, id: str, source: str | None = None,
                 max_bytes: int | None = None) -> Article:
    """Decode one page. `data` is the file's bytes (preferred) or already-decoded text."""
    max_bytes = MAX_BYTES if max_bytes is None else max_bytes
    encoding = None
    if isinstance(data, bytes):
        if len(data) > max_bytes:
            raise InputError(source, f"too large ({len(data):,} bytes; the limit is {max_bytes:,}, see --max-bytes)")
        _reject_binary(data, source)
        raw, encoding, decode_note = decode_with_note(data, source)
    else:
        if len(data) > max_bytes:
            raise InputError(source, f"too large ({len(data):,} characters; the limit is {max_bytes:,})")
        raw, decode_note = data, None
        bad = _SURROGATE.search(raw)
        if bad:  # text from JSON ("\ud800") that no UTF-8 output or database can hold
            raise InputError(source, f"invalid Unicode (lone surrogate U+{ord(bad.group()):04X} "
                                     f"at character {bad.start()})")
    if not raw.strip():
        raise InputError(source, "empty (no text)")
    meta: dict[str, str | None] = {}
    if is_html(raw, source):
        raw, meta = html_to_text(raw, source)
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    check_vietnamese(raw, source)
    text, raw_map = nfc_with_map(raw)
    art = Article(id=id, raw=raw, text=text, match=match_form(text), source=source,
                  encoding=encoding, raw_map=raw_map)
    # HTML metadata: the metadata stage keeps what is set here and fills the rest.
    if decode_note:
        art.warnings.append(decode_note)
    art.title = meta.get("title") or None
    art.url = meta.get("url") or None
    art.author = meta.get("author") or None
    if meta.get("date"):
        art.published, art.published_source = meta["date"], "html"
    if meta.get("sitename"):
        art.outlet = meta["sitename"]
    return art


def _reject_binary(data: bytes, source: str | None) -> None:
    head = data[:16]
    for magic, what in _MAGIC:
        if head.startswith(magic):
            raise InputError(source, f"binary file ({what}), not a text or HTML page")
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return  # UTF-16/32 text legitimately has NUL bytes
    sample = data[:65536]
    nuls = sample.count(0)
    if nuls and not _looks_utf16(sample):
        raise InputError(source, f"binary file ({nuls} NUL bytes in the first {len(sample):,} bytes)")


def _looks_utf16(sample: bytes) -> bool:
    """BOM-less UTF-16: NULs fall mostly on one parity (ASCII digits, spaces, punctuation)."""
    if len(sample) % 2:
        sample = sample[:-1]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    return max(even, odd) > 0.2 * len(sample) / 2 and min(even, odd) < 0.02 * len(sample) / 2


_SURROGATE = re.compile("[\ud800-\udfff]")


def decode_bytes(data: bytes, source: str | None = None) -> tuple[str, str]:
    """Decode with BOM, then strict UTF-8, then charset-normalizer (legacy encodings)."""
    text, encoding, _note = decode_with_note(data, source)
    return text, encoding


def decode_with_note(data: bytes, source: str | None = None) -> tuple[str, str, str | None]:
    """`decode_bytes` plus, for a legacy encoding, the warning that says which one was
    guessed and how sure the guess is (a page that is not UTF-8 is never decoded silently)."""
    text, encoding = _decode(data, source)
    if encoding in ("utf-8", "utf-8-sig", "utf-16", "utf-32"):
        return text, encoding, None
    if encoding in ("utf-16-le", "utf-16-be"):
        return text, encoding, f"not UTF-8: decoded as {encoding} (no byte-order mark; NUL-byte pattern)"
    confidence = _confidence(text[:20000])
    replaced = text.count("\ufffd")
    note = (f"not UTF-8 (bad byte 0x{data[_first_bad(data)]:02x} at offset {_first_bad(data)}): "
            f"decoded as {encoding}, confidence {confidence:.2f}")
    if replaced:
        note += f", {replaced} undecodable byte(s) replaced by U+FFFD"
    return text, encoding, note


def _first_bad(data: bytes) -> int:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start
    return 0


def _confidence(text: str) -> float:
    """Share of the non-ASCII letters that are Vietnamese ones (1.0: every accented letter fits)."""
    vi = foreign = 0
    for ch in text:
        if ch > "\x7f" and (ch.isalpha() or ch == "\ufffd"):
            if ch.lower() in _VI_LETTERS:
                vi += 1
            else:
                foreign += 1
    return vi / (vi + foreign) if vi + foreign else 0.0


def _decode(data: bytes, source: str | None = None) -> tuple[str, str]:
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc.replace("-sig", "")
            except UnicodeDecodeError as exc:
                raise InputError(source, f"damaged {enc} text ({exc.reason} at byte {exc.start})") from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    # Mostly valid UTF-8 with a few bad bytes is a damaged UTF-8 file, not a legacy encoding:
    # decoding it as Windows-1258 would silently turn every Vietnamese letter into mojibake.
    valid_multi = len(_UTF8_MULTI.findall(data[:65536]))
    if valid_multi >= 3:
        raise InputError(source, f"invalid UTF-8 (bad byte 0x{data[first_bad]:02x} at offset {first_bad})")
    if _looks_utf16(data[:65536]):
        for enc in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            if _vi_score(text[:4000])[0] >= 3 or text.isascii():
                return text, enc
    import charset_normalizer  # only needed for legacy encodings: keep the import off the hot path

    # Candidates: what charset-normalizer proposes, plus Windows-1258 (the Vietnamese code
    # page, which it often ranks below look-alikes such as cp1254). The decoding that reads
    # most like Vietnamese wins.
    head = data[:200_000]
    encodings = ["cp1258"] + [m.encoding for m in charset_normalizer.from_bytes(head)]
    best = None
    for enc in dict.fromkeys(encodings):
        try:
            text = unicodedata.normalize("NFC", head.decode(enc))
        except (UnicodeDecodeError, LookupError):
            continue
        score = _fit(text[:20000])
        if best is None or score > best[0]:
            best = (score, enc)
    if best is None:
        raise InputError(source, f"cannot decode: not UTF-8 (bad byte at offset {first_bad}) and no known encoding fits")
    return data.decode(best[1], errors="replace"), best[1]


def is_html(text: str, source: str | None = None) -> bool:
    if source and source.lower().endswith((".html", ".htm", ".xhtml")):
        return True
    head = text[:2048].lstrip("\ufeff")
    if "<" not in head:
        return False  # both tests below need a "<" (a plain-text page: one C search)
    if _HTML_START.match(head.encode("utf-8", "ignore")):
        return True
    return len(_HTML_TAGS.findall(head)) >= 5


def html_to_text(html: str, source: str | None = None) -> tuple[str, dict[str, str | None]]:
    """Main text and metadata of an HTML page (trafilatura; jusText as its fallback)."""
    import trafilatura

    from ngoaigiao.html_guard import prepare_html

    html = prepare_html(html, source)  # bounded work: too many tags or too deep are flattened or refused
    # Dates only from the page's metadata and URL: htmldate's "extensive search" would take
    # any date in the page, including those of related-article lists.
    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                      include_tables=False, url=None,
                                      date_extraction_params={"extensive_search": False,
                                                              "original_date": True})
    if doc is None or not (doc.text or "").strip():
        raise InputError(source, "HTML page with no article text")
    text = doc.text.strip()
    title = (doc.title or "").strip() or None
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"
    meta = {"title": title, "url": doc.url, "author": doc.author,
            "date": doc.date, "sitename": doc.sitename or doc.hostname}
    return text, meta


def _fit(text: str) -> float:
    """How Vietnamese a decoding looks: Vietnamese letters minus foreign accented letters."""
    vi = foreign = 0
    for ch in text:
        if ch > "\x7f" and ch.isalpha():
            if ch.lower() in _VI_LETTERS:
                vi += 1
            else:
                foreign += 1
    return vi - 2 * foreign - 5 * text.count("\ufffd")


_VI_RE = re.compile("[" + "".join(sorted(_VI_LETTERS)) + "".join(sorted(_VI_LETTERS)).upper() + "]")
_LETTER_RE = re.compile(r"[^\W\d_]")


def _words(text: str) -> list[str]:
    """`_WORD.findall(text)`, quicker: a word never spans white space, and most
    white-space-separated pieces are one plain word already."""
    out: list[str] = []
    for piece in text.split():
        if piece.isalpha():
            out.append(piece)
        else:  # punctuation or digits attached: cut it as the regex would
            out.extend(_WORD.findall(piece))
    return out


def _vi_score(text: str) -> tuple[int, int, int]:
    """(Vietnamese-only letters, letters, Vietnamese function words) in `text`."""
    words = _words(text.lower())
    letters = sum(map(len, words))
    vi = len(_VI_RE.findall(text))
    stop = _stopwords()
    hits = sum(1 for w in words if w in stop)
    return vi, letters, hits


def check_vietnamese(text: str, source: str | None = None) -> None:
    """Raise unless the text reads as Vietnamese. Lenient: one real sentence passes."""
    # A first small look decides for almost every real page; only doubtful ones get a longer look.
    if _reads_vietnamese(unicodedata.normalize("NFC", text[:QUICK_SAMPLE])):
        return
    sample = unicodedata.normalize("NFC", text[:VI_SAMPLE])
    if not _LETTER_RE.search(sample):
        raise InputError(source, "no text (no letters at all)")
    if _reads_vietnamese(sample):
        return
    # Vietnamese typed without diacritics ("Thu tuong Pham Minh Chinh tiep...")
    folded = fold(sample).split()
    ascii_hits = sum(1 for w in folded if w in _ascii_stopwords())
    if folded and ascii_hits >= 4 and ascii_hits >= 0.15 * len(folded):
        return
    raise InputError(source, "no Vietnamese text found")


def _reads_vietnamese(sample: str) -> bool:
    """(vi >= 3 and vi >= 3% of letters and 1 function word) or (3 function words and vi >= 2%),
    in the terms of `_vi_score`, computed with C-level scans (this runs on every page read):
    the white-space pieces that are all letters are `_words`' words as they are (the rest are
    cut by `_WORD`); the Vietnamese letters are counted only until the count decides; the
    answer depends on how many function words there are, not where."""
    if _clearly_vietnamese(sample):
        return True
    pieces = sample.lower().split()
    cut = list(filterfalse(str.isalpha, pieces))
    inner = _WORD.findall(" ".join(cut)) if cut else []  # a word never spans white space
    letters = sum(map(len, pieces)) - sum(map(len, cut)) + sum(map(len, inner))
    enough = max(3, math.ceil(0.03 * letters))  # at this count both tests below are settled
    vi = 0
    for _ in _VI_RE.finditer(sample):
        vi += 1
        if vi >= enough:
            break
    if vi < 0.02 * letters:
        return False
    need = 1 if vi >= 3 and vi >= 0.03 * letters else 3
    stop = _word_stopwords()
    hits = sum(map(stop.__contains__, pieces)) - sum(map(stop.__contains__, cut))  # whole pieces: letters only
    return hits + sum(map(stop.__contains__, inner)) >= need


FIRST_LOOK = 300  # characters in which the quick path looks for a function word


def _clearly_vietnamese(sample: str) -> bool:
    """The common case of `_reads_vietnamese`, decided without counting the letters: each
    character gives at most one letter (lower case expands only "İ", to "i" and a combining
    dot), so with Vietnamese letters at 3% of the characters (and at least 3) both of its
    letter tests pass and one function word is enough; one in the first FIRST_LOOK
    characters is looked for (the white-space pieces there are the text's own, lower-cased
    alike). False means "not decided here"."""
    enough = max(3, math.ceil(0.03 * len(sample)))
    vi = 0
    for _ in _VI_RE.finditer(sample):
        vi += 1
        if vi >= enough:
            break
    else:
        return False
    head = sample[:FIRST_LOOK].lower()
    pieces = head.split()
    if len(sample) > FIRST_LOOK and pieces:
        pieces.pop()  # (it may go on past the look)
    stop = _word_stopwords()
    if not stop.isdisjoint(filter(str.isalpha, pieces)):
        return True
    return not stop.isdisjoint(_WORD.findall(" ".join(filterfalse(str.isalpha, pieces))))


@functools.cache
def _word_stopwords() -> frozenset[str]:
    """The function words that can be a word of `_words` (a run of letters)."""
    return frozenset(w for w in _stopwords() if _WORD.fullmatch(w))


@functools.cache
def _stopwords() -> frozenset[str]:
    return frozenset(load_lines("vi_stopwords.txt"))


@functools.cache
def _ascii_stopwords() -> frozenset[str]:
    # only the folded forms that are not also common English words
    return frozenset(fold(w) for w in load_lines("vi_stopwords.txt")) - frozenset(load_lines("en_stopwords.txt"))
