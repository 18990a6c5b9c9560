"""Bytes to text for articles: decoding with a reported guess, and mojibake repair.

Every repair comes back with a warning that names the source, so nothing is changed
silently. The repaired text is what gapline stores, so all offsets point into it.
"""

from __future__ import annotations

import codecs
import re

import ftfy
from charset_normalizer import from_bytes

from gapline.errors import InputError

__all__ = ["decode", "repair_mojibake", "declared_charset"]

# Only the steps that undo wrong decoding: quotes, widths, ligatures, line breaks and
# normalisation of correct text are left alone, so a clean text comes back unchanged.
_FIXES = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    remove_control_chars=False,
    normalization=None,
)
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_CLEAN_ENOUGH = 0.1  # charset_normalizer's "chaos" of a decoding that reads as text
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.I)


def _name(encoding: str) -> str:
    """A reader's name for a Python codec name: cp1252 → Windows-1252."""
    info = codecs.lookup(encoding).name
    if m := re.fullmatch(r"cp(125\d)", info):
        return f"Windows-{m.group(1)}"
    return {"iso8859-1": "Latin-1", "latin-1": "Latin-1", "utf-16": "UTF-16", "utf-32": "UTF-32"}.get(info, info)


def declared_charset(raw: bytes) -> str | None:
    """The charset an HTML page declares in a ``<meta>`` tag near its top, if Python knows it.

    Examples
    --------
    >>> declared_charset(b'<html><head><meta charset="windows-1251"></head>')
    'cp1251'
    >>> declared_charset(b'<html><head><meta charset="no-such-thing"></head>') is None
    True
    """
    m = _META_CHARSET.search(raw[:4096])
    if m is None:
        return None
    try:
        return codecs.lookup(m.group(1).decode("ascii")).name
    except LookupError:
        return None


def decode(raw: bytes, source: str, *, declared: str | None = None) -> tuple[str, list[str]]:
    """Text of an article's bytes, and warnings for anything that was not plain UTF-8.

    UTF-8 (with or without a byte-order mark) is read as it is; UTF-16/32 with a byte-order
    mark and a charset the page itself ``declared`` are read without complaint. Anything else
    is decoded by the best guess (Windows-1252 when that reads as clean text, else what
    charset_normalizer finds), with a warning naming the guess.

    Examples
    --------
    >>> decode("The café closed.".encode("cp1252"), "a.txt")
    ('The café closed.', ['a.txt: not UTF-8 (byte 7); decoded as Windows-1252 (a guess), check the text or save the file as UTF-8'])
    """
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(encoding), []
            except UnicodeDecodeError:
                raise InputError(f"{source}: starts like {_name(encoding)} but cannot be decoded as it; save it as UTF-8") from None
    if b"\x00" in raw[:8192]:
        raise InputError(f"{source}: looks like a binary file, not an article; give a UTF-8 text file")
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        bad = exc.start
    if declared:
        try:
            return raw.decode(declared), []
        except (UnicodeDecodeError, LookupError):
            pass
    guess = _guess(raw)
    if guess is None:
        text = raw.decode("latin-1")
        return text, [f"{source}: not UTF-8 (byte {bad}) and no encoding fits; decoded as Latin-1, check the text or save the file as UTF-8"]
    encoding, text = guess
    return text, [f"{source}: not UTF-8 (byte {bad}); decoded as {_name(encoding)} (a guess), check the text or save the file as UTF-8"]


def _guess(raw: bytes) -> tuple[str, str] | None:
    """Windows-1252 when it decodes to clean text (the usual case for English news), else the
    best match of charset_normalizer."""
    western = from_bytes(raw, cp_isolation=["cp1252"]).best()
    if western is not None and western.chaos <= _CLEAN_ENOUGH:
        return "cp1252", str(western)
    best = from_bytes(raw).best()
    if best is None:
        return None
    return best.encoding, str(best)


def repair_mojibake(text: str, source: str) -> tuple[str, list[str]]:
    """``text`` with mojibake undone (UTF-8 that was read as Windows-1252 or Latin-1), and a
    warning naming ``source`` with the first repair when anything changed.

    The text is fixed line by line (as ``ftfy.fix_text`` does), so one bad line does not decide
    for the rest, and a clean text comes back unchanged.

    Examples
    --------
    >>> repair_mojibake("Iraqâ€™s army said so.", "a.txt")
    ('Iraq’s army said so.', ["a.txt: repaired broken characters on 1 line (e.g. 'Iraqâ€™s' → 'Iraq’s'); check the text"])
    >>> repair_mojibake("“Clean” text stays — as it is.", "a.txt")
    ('“Clean” text stays — as it is.', [])
    """
    if text.isascii():
        return text, []
    out: list[str] = []
    changed = 0
    example = ""
    for line in text.splitlines(keepends=True):
        fixed = ftfy.fix_text(line, _FIXES) if not line.isascii() else line
        if fixed != line:
            changed += 1
            example = example or _first_change(line, fixed)
        out.append(fixed)
    if not changed:
        return text, []
    lines = f"{changed} line" + ("s" if changed > 1 else "")
    eg = f" (e.g. {example})" if example else ""
    return "".join(out), [f"{source}: repaired broken characters on {lines}{eg}; check the text"]


def _first_change(before: str, after: str) -> str:
    for a, b in zip(before.split(), after.split()):
        if a != b:
            return f"{a[:40]!r} → {b[:40]!r}"
    return ""
