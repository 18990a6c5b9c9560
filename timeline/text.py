"""Sentences and small text helpers. Offsets always point into the text given."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple

__all__ = ["Sentence", "sentences", "trie_pattern"]


class Sentence(NamedTuple):
    index: int
    start: int
    end: int
    text: str


_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "maj", "cmdr", "adm", "gov",
    "sen", "rep", "rev", "st", "jr", "sr", "no", "vs", "etc", "inc", "ltd", "co", "corp", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.n", "u.k", "e.g",
    "i.e", "a.m", "p.m", "approx", "dept", "est", "fig", "mt", "ft",
}
_CLOSERS = "\"'”’)]»"
_BOUNDARY = re.compile(r"[.!?]+[" + re.escape(_CLOSERS) + r"]*(?=\s+|$)|\n\s*\n|\n(?=[ \t]*[A-Z0-9“\"])")
_SOFT_END = re.compile(r"[,;:(\-–—“\"]\s*$")


def _hard_wrapped(text: str) -> bool:
    """Text broken into lines of similar length (a wrapped column), where a newline ends nothing."""
    lines = [ln for ln in text.split("\n") if ln.strip()]
    if len(lines) < 4:
        return False
    long_open = sum(1 for ln in lines if 55 <= len(ln) <= 100 and not re.search(r"[.!?”\"]\s*$", ln))
    return long_open > len(lines) / 2


def sentences(text: str, *, max_chars: int = 600) -> list[Sentence]:
    """Split ``text`` into sentences with their offsets.

    A full stop after a known abbreviation or a single capital letter ends no sentence; a
    blank line always does, and so does a single line break before a capital (headlines,
    captions and timestamps of scraped pages) unless the text is a hard-wrapped column. A sentence longer than ``max_chars`` is cut at clause marks
    (``;`` then ``,``) so that every sentence stays a readable unit.

    Examples
    --------
    >>> [s.text for s in sentences("Gen. Smith said it. Then he left.")]
    ['Gen. Smith said it.', 'Then he left.']
    >>> sentences("One.\\n\\nTwo")[1].start
    6
    >>> [s.text for s in sentences("“We left. Nobody stayed,” he said. Then he went home.")]
    ['“We left. Nobody stayed,” he said.', 'Then he went home.']
    >>> [s.text for s in sentences("Troops withdraw\\n01:06\\nThe army left.")]
    ['Troops withdraw', '01:06', 'The army left.']
    """
    out: list[Sentence] = []
    start = 0
    wrapped = None
    for m in _BOUNDARY.finditer(text):
        end = m.end()
        if m.group() == "\n":
            # a line break before a capital ends a headline, caption or timestamp line of scraped text,
            # unless the line runs on (a comma before it) or the text is a wrapped column
            if wrapped is None:
                wrapped = _hard_wrapped(text)
            if wrapped or _SOFT_END.search(text[start : m.start()]):
                continue
        elif not m.group().startswith("\n"):
            if _inside_quote(text, start, end):
                continue
            word = re.search(r"([\w.]+)[.!?]+[" + re.escape(_CLOSERS) + r"]*$", text[start:end])
            token = word.group(1).lower().rstrip(".") if word else ""
            if m.group()[0] == "." and (token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha())):
                continue
            nxt = text[end:].lstrip()
            if nxt and nxt[0].islower():
                continue
        _emit(text, start, end, out, max_chars)
        start = end
    _emit(text, start, len(text), out, max_chars)
    return out


def _inside_quote(text: str, start: int, end: int) -> bool:
    """A full stop inside a quotation that closes later in the same paragraph ends no sentence:
    "“Our troops are at home. Nobody crossed,” he said." is one statement."""
    chunk = text[start:end]
    open_curly = chunk.count("“") > chunk.count("”")
    open_plain = chunk.count('"') % 2 == 1
    if not (open_curly or open_plain):
        return False
    para_end = text.find("\n\n", end)
    rest = text[end : para_end if para_end != -1 else len(text)]
    return ("”" in rest) if open_curly else ('"' in rest)


def _emit(text: str, start: int, end: int, out: list[Sentence], max_chars: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end <= start:
        return
    if end - start > max_chars:
        cut = _cut(text, start, end, max_chars)
        if cut is not None:
            _emit(text, start, cut, out, max_chars)
            _emit(text, cut, end, out, max_chars)
            return
    out.append(Sentence(len(out), start, end, text[start:end]))


def _cut(text: str, start: int, end: int, max_chars: int) -> int | None:
    window = text[start : start + max_chars]
    for mark in (";", ",", " "):
        i = window.rfind(mark)
        if i > max_chars // 4:
            return start + i + 1
    return start + max_chars


def trie_pattern(words: Iterable[Sequence[str]]) -> str:
    """One regular expression that matches any of ``words``, longest first, built as a trie.

    Each word is a sequence of regex atoms (usually escaped characters), so that a character
    class such as ``['’]`` can stand for one position. A trie shares common prefixes, which
    keeps a pattern of thousands of names fast.

    Examples
    --------
    >>> import re
    >>> p = re.compile(trie_pattern([list("deploy"), list("deployed"), list("dispatch")]))
    >>> p.findall("they deployed and will deploy, then dispatch")
    ['deployed', 'deploy', 'dispatch']
    """
    trie: dict = {}
    for word in words:
        node = trie
        for atom in word:
            node = node.setdefault(atom, {})
        node[""] = True
    return _node_pattern(trie) or "(?!x)x"


def _node_pattern(node: dict) -> str:
    end = "" in node
    branches = [atom + _node_pattern(child) for atom, child in sorted(node.items(), key=lambda kv: kv[0]) if atom != ""]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if end:
        return f"(?:{body})?"
    return body
