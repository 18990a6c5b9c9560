"""The actor registry and finding actors in text.

The registry is data: ``data/actors/states.yaml`` (states, whose usual organs are made from
``organs.yaml``) plus any other ``data/actors/*.yaml`` listing actors with ``id``, ``name``,
``aliases``, ``kind``, ``official``, ``affiliation`` and optionally ``country``. Extra
registry files can be given; an id defined again replaces the earlier definition.

:func:`load_registry` validates the whole graph: an affiliation to an unknown id or a cycle
is a :class:`~gapline.errors.ConfigError` naming the actors involved.

:class:`Registry` finds mentions of known actors (longest alias wins) and :func:`discover`
finds people the registry does not know from titles and appositives ("Kurdish MP Jane Roe",
"Jane Roe, deputy head of the X committee").
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import NamedTuple

import polars as pl
import yaml

from gapline.errors import ConfigError
from timeline._data import data_dir, lexicon, read_yaml
from timeline.schema import ACTORS
from timeline.text import trie_pattern

__all__ = ["Actor", "Mention", "Registry", "load_registry", "discover", "promote", "slug"]


@dataclass(frozen=True)
class Actor:
    actor_id: str
    name: str
    kind: str = "unknown"
    official: bool = False
    aliases: tuple[str, ...] = ()
    affiliation: tuple[str, ...] = ()
    country: str = ""
    discovered: bool = False
    demonym: str = ""
    capital: str = ""
    extra: dict = field(default_factory=dict, compare=False, hash=False)


class Mention(NamedTuple):
    start: int
    end: int
    text: str
    actor_id: str


def slug(name: str) -> str:
    """An id from a name.

    Examples
    --------
    >>> slug("Karim Abu-Suda Jr.")
    'karim_abu_suda_jr'
    >>> slug("Ibrahim Traoré") == slug("Ibrahim Traore")
    True
    """
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "_", plain.lower()).strip("_")


_REQUIRED = ("id", "name")
_KINDS_OFFICIAL = {"state", "government", "parliament", "ministry", "committee", "military", "intelligence", "intl_org"}


def _actor_from(entry: dict, source: Path) -> Actor:
    if not isinstance(entry, dict):
        raise ConfigError(f"{source}: every actor must be a mapping, found {entry!r}")
    for key in _REQUIRED:
        if not entry.get(key) or not isinstance(entry[key], str):
            raise ConfigError(f"{source}: an actor lacks a text {key!r}: {entry!r}")
    aliases = entry.get("aliases") or []
    affiliation = entry.get("affiliation") or []
    if not isinstance(aliases, list) or not isinstance(affiliation, list):
        raise ConfigError(f"{source}: actor {entry['id']!r}: aliases and affiliation must be lists")
    official = entry.get("official", entry.get("kind") in _KINDS_OFFICIAL)
    if not isinstance(official, bool):
        raise ConfigError(f"{source}: actor {entry['id']!r}: official must be true or false, found {official!r}")
    return Actor(
        actor_id=entry["id"],
        name=entry["name"],
        kind=str(entry.get("kind") or "unknown"),
        official=official,
        aliases=tuple(str(a) for a in aliases),
        affiliation=tuple(str(a) for a in affiliation),
        country=str(entry.get("country") or ""),
    )


def _states(path: Path) -> list[Actor]:
    content = read_yaml(path) or {}
    organs = (read_yaml(path.parent / "organs.yaml") or {}).get("organs", [])
    out: list[Actor] = []
    for st in content.get("states", []):
        if not isinstance(st, dict) or not st.get("id") or not st.get("name"):
            raise ConfigError(f"{path}: every state needs an id and a name, found {st!r}")
        sid, name = st["id"], st["name"]
        demonym, capital = st.get("demonym", ""), st.get("capital", "")
        out.append(
            Actor(sid, name, "state", True, tuple([name, *st.get("aliases", [])]), (), sid, demonym=demonym, capital=capital)
        )
        for organ in organs:
            fill = {"name": name, "demonym": demonym or name, "capital": capital or name}
            aliases = [a.format(**fill) for a in organ.get("aliases", [])]
            for other in st.get("aliases", []):
                aliases += [a.format(**{**fill, "name": other}) for a in organ.get("aliases", []) if "{name}" in a]
                if other.replace(".", "").isupper():
                    # an acronym stands where the demonym would: "UAE foreign ministry", "US troops"
                    aliases += [a.format(**{**fill, "demonym": other}) for a in organ.get("aliases", []) if "{demonym}" in a]
            if organ["suffix"] == "gov":
                aliases += st.get("gov_aliases", [])
            aliases += (st.get("organ_aliases") or {}).get(organ["suffix"], [])
            of = organ.get("of", "state")
            # `of: none`: of the state's people, not one of its organs ("Russian mercenaries")
            parents = () if of == "none" else (sid,) if of == "state" else (f"{sid}_{of}",)
            out.append(
                Actor(
                    f"{sid}_{organ['suffix']}",
                    organ["name"].format(**fill),
                    organ.get("kind", "government"),
                    bool(organ.get("official", True)),
                    tuple(dict.fromkeys(aliases)),
                    parents,
                    sid,
                )
            )
    return out


class Registry:
    """Known actors, their affiliation chains, and a matcher for their names in text."""

    def __init__(self, actors: Iterable[Actor]):
        by_id: dict[str, Actor] = {}
        for a in actors:
            by_id[a.actor_id] = a
        self.by_id = by_id
        self._check()
        self._chain_cache: dict[str, tuple[str, ...]] = {}
        self.states = tuple(a for a in by_id.values() if a.kind == "state" and a.demonym)
        self.state_of_demonym = {st.demonym.lower(): st.actor_id for st in self.states}
        self._build_matcher()

    # -- graph ---------------------------------------------------------------
    def _check(self) -> None:
        for a in self.by_id.values():
            for parent in a.affiliation:
                if parent not in self.by_id:
                    raise ConfigError(
                        f"actor {a.actor_id!r} is affiliated with unknown actor {parent!r}; "
                        "add it to a registry file or fix the id"
                    )
        for a in self.by_id.values():
            seen = [a.actor_id]
            cur = a
            while cur.affiliation:
                nxt = cur.affiliation[0]
                if nxt in seen:
                    cycle = " -> ".join([*seen[seen.index(nxt):], nxt])
                    raise ConfigError(f"the actor registry has an affiliation cycle: {cycle}; break it in the registry file")
                seen.append(nxt)
                cur = self.by_id[nxt]

    def chain(self, actor_id: str) -> tuple[str, ...]:
        """The actor and everything it belongs to, nearest first."""
        if actor_id in self._chain_cache:
            return self._chain_cache[actor_id]
        out = [actor_id]
        cur = self.by_id.get(actor_id)
        while cur is not None and cur.affiliation:
            out.append(cur.affiliation[0])
            cur = self.by_id.get(cur.affiliation[0])
        self._chain_cache[actor_id] = tuple(out)
        return self._chain_cache[actor_id]

    def bloc(self, actor_id: str) -> str:
        """The root of the actor's affiliation chain."""
        return self.chain(actor_id)[-1]

    def country(self, actor_id: str) -> str:
        """The state an actor belongs to: a state in its chain, else the nearest ``country`` given."""
        for aid in self.chain(actor_id):
            a = self.by_id.get(aid)
            if a is None:
                continue
            if a.kind == "state":
                return a.actor_id
            if a.country:
                return a.country
        return ""

    def organ_of(self, actor_id: str, role: str) -> str:
        """The organ of a state that holds a role ("ambassador" → its foreign ministry); any other
        actor holds its own roles.

        Examples
        --------
        >>> load_registry().organ_of("iraq", "ambassador"), load_registry().organ_of("badr", "spokesman")
        ('iraq_mofa', 'badr')
        """
        a = self.by_id.get(actor_id)
        if a is not None and a.kind in {"state", "government"}:
            organ = f"{self.country(actor_id) or actor_id}_{_organ_for(role)}"
            if organ in self.by_id:
                return organ
        return actor_id

    def with_actors(self, extra: Iterable[Actor]) -> Registry:
        """A new registry with ``extra`` actors added (discovered ones)."""
        return Registry([*self.by_id.values(), *extra])

    def frame(self) -> pl.DataFrame:
        """The registry as an ACTORS frame."""
        rows = [
            {
                "actor_id": a.actor_id,
                "name": a.name,
                "aliases": list(a.aliases),
                "kind": a.kind,
                "official": a.official,
                "affiliation": list(a.affiliation),
                "country": self.country(a.actor_id),
                "bloc": self.bloc(a.actor_id),
                "discovered": a.discovered,
            }
            for a in self.by_id.values()
        ]
        return pl.DataFrame(rows, schema=ACTORS)

    # -- text ----------------------------------------------------------------
    def _build_matcher(self) -> None:
        names: dict[str, str] = {}
        for a in self.by_id.values():
            for n in (a.name, *a.aliases):
                n = n.strip()
                if len(n) < 2:
                    continue
                # the first definition of a name wins, except that a non-state beats a state
                if n not in names or self.by_id[names[n]].kind == "state" and a.kind != "state":
                    names[n] = a.actor_id
        self._names = {n.replace("’", "'"): aid for n, aid in names.items()}
        self._lower = {n.lower(): aid for n, aid in self._names.items()}
        words = []
        for n in names:
            atoms = ["['’]" if c in "'’" else re.escape(c) for c in n]
            if n[0].islower():
                atoms[0] = f"[{n[0]}{n[0].upper()}]"
            words.append(atoms)
        body = trie_pattern(words)
        self._matcher = re.compile(r"(?<![\w-])(?:" + body + r")(?:'s|’s)?(?![\w-])")

    def mentions(self, text: str) -> list[Mention]:
        """Every mention of a known actor in ``text``, longest alias first, without overlaps.

        Examples
        --------
        >>> reg = load_registry()
        >>> [(m.text, m.actor_id) for m in reg.mentions("Iraqi lawmakers met the Syrian president.")]
        [('Iraqi lawmakers', 'iraq_parliament'), ('Syrian president', 'assad')]
        """
        out = []
        for m in self._matcher.finditer(text):
            surface = m.group()
            key = re.sub(r"('s|’s)$", "", surface)
            norm = key.replace("’", "'")
            aid = self._names.get(norm) or self._lower.get(norm.lower())
            if aid is None:
                continue
            end = m.start() + len(key)
            if self.by_id[aid].kind == "state":
                role = _STATE_ROLE.match(text, m.start() + len(key))
                if role is not None:
                    organ = f"{aid}_{_organ_for(role.group('role'))}"
                    if organ in self.by_id:
                        out.append(Mention(m.start(), role.end(), text[m.start() : role.end()], organ))
                        continue
            out.append(Mention(m.start(), end, key, aid))
        return out

    def resolve(self, name: str) -> str | None:
        """The id of an actor with this exact name or alias, if any."""
        return self._names.get(name) or self._lower.get(name.lower())

    def __len__(self) -> int:
        return len(self.by_id)

    def __getitem__(self, actor_id: str) -> Actor:
        return self.by_id[actor_id]

    def __contains__(self, actor_id: object) -> bool:
        return actor_id in self.by_id


def load_registry(paths: Sequence[str | Path] = ()) -> Registry:
    """Load the built-in registry, then the given registry files (later ids replace earlier ones).

    Examples
    --------
    >>> reg = load_registry()
    >>> reg.chain("kataib_hezbollah")
    ('kataib_hezbollah', 'pmf', 'iraq_gov', 'iraq')
    >>> reg.country("khafaji")
    'iraq'
    """
    if not paths:
        return _builtin_registry()
    return _load_registry(tuple(Path(p) for p in paths))


@cache
def _builtin_registry() -> Registry:
    return _load_registry(())


def _load_registry(paths: tuple[Path, ...]) -> Registry:
    base = data_dir() / "actors"
    states = _states(base / "states.yaml")
    generated = {a.actor_id: a for a in states}
    actors: list[Actor] = []
    files = [p for p in sorted(base.glob("*.yaml")) if p.name not in {"states.yaml", "organs.yaml"}]
    for p in [*files, *paths]:
        if not p.is_file():
            raise ConfigError(f"registry file {p} does not exist")
        content = read_yaml(p) or {}
        if not isinstance(content, dict) or not isinstance(content.get("actors", []), list):
            raise ConfigError(f"{p}: a registry file holds a list under 'actors:'")
        for e in content.get("actors", []):
            a = _actor_from(e, p)
            made = generated.get(a.actor_id)
            if made is not None:
                # a file entry for a state or organ replaces its fields but keeps the names made for it
                # ("Iraqi security source" stays the government's even when a file describes it)
                a = replace(a, aliases=tuple(dict.fromkeys([*a.aliases, made.name, *made.aliases])),
                            demonym=a.demonym or made.demonym, capital=a.capital or made.capital)
            actors.append(a)
    # the entries of the files first, so that a name they give ("Iraqi militias") is theirs, not
    # that of an organ made for every state
    replaced = {a.actor_id for a in actors}
    return Registry([*actors, *(a for a in states if a.actor_id not in replaced)])


# -- promotion: a discovered actor written into a registry file ---------------

_HEADER = "# Actors found in articles and added to the registry with `gapline actors promote`.\n"
_ID = re.compile(r"[a-z0-9][a-z0-9_]*")


def _registry_id(actor_id: str) -> str:
    """The registry id of a discovered actor: ``org:syrian_observatory`` is ``syrian_observatory``."""
    return slug(actor_id.split(":", 1)[1]) if actor_id.startswith(("group:", "org:")) else actor_id


def _entry(actor: Actor | Mapping, actor_id: str | None) -> tuple[dict, bool]:
    """A registry entry (in the order the registry files use) and whether the actor was discovered."""
    row = actor.__dict__ if isinstance(actor, Actor) else dict(actor)
    name = str(row["name"])
    aid = actor_id or _registry_id(str(row["actor_id"]))
    if not _ID.fullmatch(aid):
        raise ConfigError(f"{aid!r} cannot be a registry id; use lower-case letters, digits and '_' (e.g. {slug(name)!r})")
    entry: dict = {"id": aid, "name": name, "kind": str(row.get("kind") or "unknown"), "official": bool(row.get("official"))}
    entry["affiliation"] = [_registry_id(str(a)) for a in row.get("affiliation") or []]
    if not entry["affiliation"] and row.get("country"):
        entry["country"] = str(row["country"])
    entry["aliases"] = [str(a) for a in dict.fromkeys(row.get("aliases") or []) if str(a) != name]
    return entry, bool(row.get("discovered", True))


def _appended(text: str, entry: dict, path: Path) -> str:
    """``text`` with ``entry`` as the last item of its ``actors:`` list; checked by parsing it back."""
    before = yaml.safe_load(text) if text.strip() else None
    if (before is not None and not isinstance(before, dict)) or (isinstance(before, dict) and {"states", "organs"} & set(before)):
        raise ConfigError(f"{path} is not a registry file of actors; promote into another file")
    out = text if not text or text.endswith("\n") else text + "\n"
    if not out.strip():
        out += _HEADER
    if not isinstance(before, dict) or "actors" not in before:
        out += "actors:\n"
    # the list's own indentation: that of its first item
    items = re.findall(r"^([ \t]*)- ", re.split(r"^actors:", out, maxsplit=1, flags=re.M)[-1], re.M)
    flow = yaml.safe_dump(entry, default_flow_style=True, sort_keys=False, allow_unicode=True, width=1_000_000).strip()
    line = f"{items[0] if items else '  '}- {flow}\n"
    old = (before or {}).get("actors") or []
    try:
        after = yaml.safe_load(out + line)
    except yaml.YAMLError:
        after = None
    if not isinstance(after, dict) or after.get("actors") != [*old, entry]:
        raise ConfigError(
            f"cannot append to {path}: its 'actors:' list must be a block list at the end of the file; "
            f"add this line under it by hand: {line.strip()}"
        )
    return out + line


def promote(
    actor: Actor | Mapping, path: str | Path, *, actor_id: str | None = None, registry_files: Sequence[str | Path] = ()
) -> Actor:
    """Write a discovered actor (an :class:`Actor` or an ACTORS row) into the registry file ``path``.

    The entry is appended to the file's ``actors:`` list (the file is created if missing), so its
    comments and entries stay as they are. The id is the actor's (``org:``/``group:`` ids lose
    their prefix) or ``actor_id``. An id or name the registry (built in, ``registry_files``
    and ``path``) already has is refused, and so is an affiliation it does not know. The file is
    loaded back before it replaces the old one; returns the actor as the registry now has it.

    Examples
    --------
    >>> import tempfile
    >>> found = discover("Iraqi MP Jane Roe said so. Later Roe left.", load_registry())
    >>> target = Path(tempfile.mkdtemp()) / "mine.yaml"
    >>> promote(found[0][0], target).affiliation
    ('iraq_parliament',)
    >>> print(target.read_text(), end="")
    # Actors found in articles and added to the registry with `gapline actors promote`.
    actors:
      - {id: jane_roe, name: Jane Roe, kind: person, official: true, affiliation: [iraq_parliament], aliases: [Roe]}
    >>> load_registry([target]).resolve("Roe")
    'jane_roe'
    """
    path = Path(path)
    entry, discovered = _entry(actor, actor_id)
    aid = entry["id"]
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    mine = (read_yaml(path) or {}) if text else {}
    if any(isinstance(e, dict) and e.get("id") == aid for e in (mine.get("actors") or [] if isinstance(mine, dict) else [])):
        raise ConfigError(f"{path} already has an actor with id {aid!r}; choose another id (--id) or edit the file")
    registry = load_registry([*registry_files, *([path] if text else [])])
    if aid in registry:
        raise ConfigError(f"actor id {aid!r} is already registered ({registry[aid].name}); choose another id (--id)")
    if not discovered:
        raise ConfigError(f"{entry['name']} is already in the registry; only actors found in text can be promoted")
    taken = registry.resolve(entry["name"])
    if taken is not None:
        raise ConfigError(f"the name {entry['name']!r} already belongs to registered actor {taken!r}; nothing to promote")
    for parent in entry["affiliation"]:
        if parent not in registry:
            raise ConfigError(f"{entry['name']} belongs to {parent!r}, which the registry does not know; promote that actor first")
    new_text = _appended(text, entry, path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.promote")
    tmp.write_text(new_text, encoding="utf-8")
    try:
        try:
            loaded = load_registry([*registry_files, tmp])
        except ConfigError as exc:
            raise ConfigError(str(exc).replace(str(tmp), str(path))) from None
        if path.exists():
            os.chmod(tmp, path.stat().st_mode)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    if path.resolve().parent == (data_dir() / "actors").resolve():
        _builtin_registry.cache_clear()
    return loaded[aid]


# -- discovery ---------------------------------------------------------------

_NAME = r"(?:[A-Z][\w'’]+(?:-[A-Z]?[\w'’]+)*)"
_PARTICLE = r"(?:al-|el-|Al-|El-|bin |ibn |Abu |Abou |Abdul |Abdel |de |du |da |van |von |le |La |Le |ben |Ben )"
_PERSON = rf"(?:{_PARTICLE}?{_NAME}(?:\s+{_PARTICLE}?{_NAME}){{1,3}})"

def _role_pattern(words: list[str]) -> str:
    forms = set()
    for w in words:
        forms |= {w, w[:1].upper() + w[1:], w.title()}
    return trie_pattern([re.escape(c) for c in f] for f in forms)


_ROLE_WORDS = _role_pattern(lexicon("core")["roles"])
# Each pattern starts at its role word; the words before it (up to four: "European Union foreign policy")
# are added to the role afterwards, which keeps the scan fast.
_TITLED = re.compile(rf"\b(?P<role>(?:{_ROLE_WORDS})(?:\s+(?:{_ROLE_WORDS}))?)\)?\s+(?P<name>{_PERSON})")
_APPOSITIVE = re.compile(
    rf"(?P<name>{_PERSON}),\s+(?:a |an |the )?(?P<role>(?:[\w'’-]+\s+){{0,4}}?(?:{_ROLE_WORDS})\b[^,.;:\"“”]{{0,90}})"
)
_ROLE_BEFORE = re.compile(
    rf"\b(?P<role>(?:{_ROLE_WORDS})\s+(?:of|for|at)\s+(?:the\s+)?[\w'’-]+(?:\s+[\w'’-]+){{0,3}}),\s+"
    rf"(?:(?:{_ROLE_WORDS})\s+)?(?P<name>{_PERSON})"
)
_ROLE_OF_ORG = re.compile(
    rf"['’]s\s+(?P<role>(?:[\w-]+\s+)?(?:{_ROLE_WORDS})),\s+(?:(?:{_ROLE_WORDS})\s+)?(?P<name>{_PERSON})"
)
# "The Ethiopian defence minister, Abraham Belay, said": a role, then the name between commas
_ROLE_COMMA_NAME = re.compile(rf"\b(?P<role>(?:{_ROLE_WORDS})),\s+(?:(?:{_ROLE_WORDS})\s+)?(?P<name>{_PERSON}),")
_LEAD = {
    _TITLED: re.compile(r"(?:[\w'’-]+\s+){0,4}$"),
    _APPOSITIVE: None,
    _ROLE_BEFORE: re.compile(r"(?:[\w'’-]+\s+){0,3}$"),
    _ROLE_OF_ORG: re.compile(r"(?:the\s+)?[\w-]+(?:\s+[\w-]+)?['’]s\s+$"),
    _ROLE_COMMA_NAME: re.compile(r"(?:[\w'’-]+\s+){0,4}$"),
}
_RANK_LEAD = re.compile(r"(" + trie_pattern([re.escape(c) for c in r] for r in lexicon("core")["name_ranks"]) + r")\s+")
_RANK_BEFORE = re.compile(r"\b(" + trie_pattern([re.escape(c) for c in r] for r in lexicon("core")["name_ranks"]) + r")\s+$")
_CIVIL_GENERAL = re.compile(r"\b(?:Attorney|Surgeon|Secretary|Solicitor|Inspector|Adjutant|Consul|Postmaster|Auditor|Accountant)[\s-]+$")
_OFFICIAL_ROLES = re.compile(r"\b(?:" + _role_pattern(lexicon("core")["official_roles"]) + r")\b", re.I)
_NOT_NAMES = {
    "The", "A", "An", "In", "On", "At", "But", "And", "However", "Meanwhile", "Earlier", "Later", "Monday",
    "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March", "April",
    "May", "June", "July", "August", "September", "October", "November", "December",
}


_SAYS = trie_pattern(
    [re.escape(c) for c in form]
    for entry in lexicon("core")["reporting_verbs"].values()
    for form in entry["forms"]
    if form.endswith(("s", "ed", "d", "t"))  # "said", "says", "told", "added", "denied": a finite verb
)
# an untitled person who speaks: "Sheikh said", "“…,” said Jane Roe."
_NAME_SAYS = re.compile(rf"(?P<name>{_PERSON}|{_NAME})\s+(?:also\s+|later\s+|then\s+|again\s+)?(?:{_SAYS})\b")
_SAYS_NAME = re.compile(
    rf"[,”\"]\s*(?:{_SAYS})\s+(?P<name>{_PERSON}|{_NAME})"
    r"(?=\s*[.,;]|\s+(?:on|in|at|to|during|late|earlier|last|this|yesterday|today|told|who|when)\b)"
)
# a capitalised word right before a verb of saying: who may be speaking by a first name ("Abiy said")
_WORD_SAYS = re.compile(rf"(?<![\w-])([A-Z][\w'’-]*)\s+(?:also\s+|finally\s+|later\s+)?(?:{_SAYS})\b")
_ORG_WORDS = frozenset(lexicon("core")["organisation_words"])
#: Any role word of the lexicon, case-insensitively ("minister", "Secretary of State").
ROLE_WORD = re.compile(rf"\b(?:{_ROLE_WORDS})\b", re.I)
# words that open a title or a clause, not a name ("Attorney Jane Roe said", "As I've said")
_NOT_FIRST_NAMES = frozenset({
    "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.", "Sen.", "Rep.", "Gov.", "Attorney", "Lawyer", "Judge", "Justice",
    "Secretary", "State", "Foreign", "Defence", "Defense", "Interior", "Prime", "Vice", "Deputy", "Acting", "Former", "Surgeon",
    "As", "If", "When", "While", "Since", "Although", "Though", "Because", "So", "Then", "Now", "Here", "There", "We", "They",
    "He", "She", "It", "I", "You", "This", "That", "These", "Those", "What", "Who", "Why", "How", "Where", "Yes", "No", "Also",
    "Asked", "Speaking", "Still", "Yet", "Only", "Even", "Both", "All", "Many", "Some", "Most", "Several", "Police",
})
# first words of place names ("New Zealand said", "Cape Town said")
_PLACE_FIRST = frozenset({"New", "North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western", "Central",
                          "Cape", "Saint", "St.", "San", "Santa", "Los", "Las", "Port", "Fort", "Mount", "Lake", "Gulf",
                          "Sierra", "Costa", "Puerto", "Hong", "Sri", "Tel", "Abu", "Addis"})


def _speakers(text: str, registry: Registry, overlaps) -> list[tuple[str, str, list[tuple[int, int]]]]:
    """People who speak in ``text`` without a title: a name of two to four words next to a verb of
    saying, or a single name that ends a fuller one the text gives elsewhere ("Mohammed Majid
    al-Sheikh … Sheikh said"). Words of organisations, places and demonyms make no name.
    Returns (full name, surname, spans where it speaks)."""
    demonyms = {st.demonym for st in registry.states}

    def lead_off(words: list[str]) -> int:
        """How many leading words are no part of a name: titles, roles, demonyms, function words."""
        n = 0
        while n < len(words) and (words[n] in _NOT_NAMES or words[n] in demonyms or words[n] in _NOT_FIRST_NAMES
                                  or ROLE_WORD.fullmatch(words[n]) or words[n].isupper()):
            n += 1
        return n

    def is_name(words: list[str]) -> bool:
        return bool(words) and not any(
            w in _ORG_WORDS or w in _NOT_NAMES or registry.resolve(w) or re.search(r"['’](?:s|ve|ll|re|m|d)$", w) for w in words
        ) and words[0] not in _PLACE_FIRST

    full_names = {}
    for m in re.finditer(_PERSON, text):
        words = m.group().split()
        words = words[lead_off(words):]
        if len(words) >= 2 and is_name(words):
            full_names.setdefault(re.sub(r"^(?:al|el|Al|El)-", "", words[-1]), set()).add(" ".join(words))
    out: dict[str, tuple[str, str, list]] = {}
    for pattern in (_NAME_SAYS, _SAYS_NAME):
        for m in pattern.finditer(text):
            s, e = m.span("name")
            words = m.group("name").split()
            for w in words[: lead_off(words)]:
                s += len(w) + 1
            words = words[lead_off(words):]
            if not is_name(words) or overlaps(s, e):
                continue
            if registry.resolve(" ".join(words)) is not None or any(registry.resolve(w) for w in words):
                continue
            if len(words) == 1:
                fulls = full_names.get(words[0], set())
                if len(fulls) != 1:
                    # no fuller name, or two people of that name ("Elian Gonzalez", "Lazaro Gonzalez"): nobody known
                    continue
                full = next(iter(fulls))
            else:
                full = " ".join(words)
            surname = re.sub(r"^(?:al|el|Al|El)-", "", full.split()[-1])
            out.setdefault(full, (full, surname, []))[2].append((s, e))
    return list(out.values())


def discover(text: str, registry: Registry, *, known: list[Mention] | None = None) -> list[tuple[Actor, list[Mention]]]:
    """People named in ``text`` with a title or role that the registry does not know.

    Each comes with the affiliation the text gives (an organisation in the role phrase) and
    its officialness from the role. Returns the new actors and their mentions, including
    later mentions by surname.

    Examples
    --------
    >>> reg = load_registry()
    >>> found = discover("Iraqi MP Jane Roe said so. Later Roe left.", reg)
    >>> [(a.name, a.official, [m.text for m in ms]) for a, ms in found]
    [('Jane Roe', True, ['Jane Roe', 'Roe'])]
    """
    known = registry.mentions(text) if known is None else known
    taken = [(m.start, m.end) for m in known]
    found: dict[str, tuple[Actor, list[Mention]]] = {}

    def overlaps(s: int, e: int) -> bool:
        return any(s < te and e > ts for ts, te in taken)

    candidates = []
    for pattern, lead in _LEAD.items():
        for m in pattern.finditer(text):
            rstart = m.start("role")
            if lead is not None:
                before = text[max(0, rstart - 80) : rstart] if pattern is not _ROLE_OF_ORG else text[max(0, m.start() - 60) : m.start() + 3]
                extra = lead.search(before)
                if extra is not None and pattern is _ROLE_OF_ORG:
                    rstart = m.start() + 3 - (len(before) - extra.start())
                elif extra is not None:
                    rstart -= len(before) - extra.start()
            role = text[rstart : m.end("role")]
            candidates.append((m.start("name"), m.end("name"), m.group("name"), role, rstart))
    # for one name, the longest role phrase says most about whom the person belongs to
    for s, e, name, role, rstart in sorted(candidates, key=lambda c: (c[0], -len(c[3]))):
        name = _trim_name(name)
        e = s + len(name)
        before = _RANK_BEFORE.search(text, max(0, s - 40), s)
        if before is not None and _CIVIL_GENERAL.search(text, max(0, before.start() - 20), before.start()):
            # "Attorney General Jane Roe", "Secretary General Jane Roe": a civil title, no military rank
            before = None
        lead = _RANK_LEAD.match(name)
        lead_rank = lead.group(1) if lead else ""
        if lead:
            # "Colonel Sami Haddad" caught as a name: the rank is a title, the person is "Sami Haddad"
            s, name = s + lead.end(), name[lead.end() :]
        words = name.split()
        if len(words) < 2 or words[0] in _NOT_NAMES or overlaps(s, e):
            continue
        if registry.resolve(name) is not None:
            continue
        aid = slug(name)
        if aid in registry:
            continue
        affiliation = _affiliation_from_role(role, rstart, registry, known) or _affiliation_like(role, found, registry)
        rank = " ".join(filter(None, [before.group(1) if before else "", lead_rank]))
        actor = Actor(
            actor_id=aid,
            name=f"{rank} {name}" if rank else name,
            kind="person",
            # an official's title, or a role in an official body ("the ministry's spokesman")
            official=bool(_OFFICIAL_ROLES.search(role)) or bool(affiliation and _is_official(affiliation, registry, found)),
            aliases=(name, words[-1]),
            affiliation=(affiliation,) if affiliation else (),
            discovered=True,
            extra={"role": role.strip()},
        )
        if aid not in found:
            found[aid] = (actor, [])
        taken.append((s, e))
    for full, surname, _ in _speakers(text, registry, overlaps):
        aid = slug(full)
        if aid in found or aid in registry or any(surname in a.aliases for a, _ in found.values()):
            continue
        # no title says whom they speak for: a person of no affiliation, not official
        found[aid] = (Actor(aid, full, "person", False, aliases=(full, surname), discovered=True, extra={"role": ""}), [])
    if not found:
        return []
    # a two-word name may be used by its first word ("Abiy Ahmed … Abiy said"), where no one else in the text
    # has that first word or that word as a surname, and the word speaks
    firsts = [a.aliases[0].split()[0] for a, _ in found.values() if len(a.aliases[0].split()) == 2]
    surnames = {a.aliases[-1] for a, _ in found.values()}
    speaking = {m.group(1) for m in _WORD_SAYS.finditer(text)}
    known_spans = [(x.start, x.end) for x in known]
    for aid, (actor, ms) in found.items():
        surname = actor.aliases[-1]
        names = [actor.name, surname]
        first = actor.aliases[0].split()[0] if len(actor.aliases[0].split()) == 2 else ""
        if (first in speaking and firsts.count(first) == 1 and first not in surnames and first not in _NOT_NAMES
                and not registry.resolve(first)):
            names.append(first)
        pat = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])")
        for m in pat.finditer(text):
            if not any(m.start() < te and m.end() > ts for ts, te in known_spans):
                ms.append(Mention(m.start(), m.end(), m.group(), aid))
    return list(found.values())


def _is_official(aid: str, registry: Registry, found: dict) -> bool:
    actor = registry.by_id.get(aid) or found.get(aid, (None,))[0]
    return bool(actor is not None and actor.official)


def _trim_name(name: str) -> str:
    words = name.split()
    while words and words[-1] in _NOT_NAMES:
        words.pop()
    return " ".join(words)


_ROLE_KINDS = (
    ("ministry", {"ministry"}),
    ("committee", {"committee"}),
    ("government", {"government"}),
    ("presidency", {"government"}),
    ("parliament", {"parliament"}),
    ("army", {"military"}),
    ("militia", {"militia", "armed_group"}),
)

_STATE_ROLE = re.compile(
    r"['’]s\s+(?:top\s+|chief\s+|deputy\s+)?(?P<role>foreign minister|foreign ministry|defence minister|defense minister|"
    r"defence ministry|defense ministry|interior minister|interior ministry|prime minister|president|government|"
    r"army|military|armed forces|parliament|lawmakers|ambassador|envoy|spokesman|spokeswoman|presidency|embassy)\b",
    re.I,
)

_ROLE_ORG = {
    "minister": "gov", "president": "gov", "prime minister": "gov", "premier": "gov", "spokes": "gov",
    "foreign minister": "mofa", "defence minister": "mod", "defense minister": "mod", "interior minister": "moi",
    "secretary of state": "mofa", "foreign secretary": "mofa", "defence secretary": "mod", "defense secretary": "mod",
    "home secretary": "moi",
    "mp": "parliament", "lawmaker": "parliament", "legislator": "parliament", "senator": "parliament",
    "ambassador": "mofa", "envoy": "mofa", "colonel": "armed_forces", "general": "armed_forces",
    "foreign ministry": "mofa", "defence ministry": "mod", "defense ministry": "mod", "interior ministry": "moi",
    "government": "gov", "army": "armed_forces", "military": "armed_forces", "armed forces": "armed_forces",
    "parliament": "parliament", "presidency": "gov", "embassy": "mofa",
}


def _affiliation_like(role: str, found: dict, registry: Registry) -> str:
    """"the ministry's spokesman" after its minister was named: the organisation of a person found before."""
    low = role.lower()
    for noun, kinds in _ROLE_KINDS:
        if noun in low:
            for actor, _ in reversed(list(found.values())):
                org = actor.affiliation[0] if actor.affiliation else ""
                if org in registry and registry[org].kind in kinds:
                    return org
    return ""


def _affiliation_from_role(role: str, role_start: int, registry: Registry, known: list[Mention]) -> str:
    """The organisation a role phrase names ("deputy head of X", "Iraqi MP"), as an actor id."""
    for m in registry.mentions(role):
        a = registry[m.actor_id]
        if a.kind == "state":
            organ = _organ_for(role)
            cand = f"{a.actor_id}_{organ}"
            return cand if cand in registry else a.actor_id
        return a.actor_id
    low = role.lower()
    for noun, kinds in _ROLE_KINDS:
        if noun in low:
            earlier = [m for m in known if m.end <= role_start and registry[m.actor_id].kind in kinds]
            if earlier and not any(st.demonym.lower() in low for st in registry.states):
                return earlier[-1].actor_id
    for st in registry.states:
        demonym = st.demonym.lower()
        if demonym in low and re.search(rf"\b{re.escape(demonym)}\b", low):
            cand = f"{st.actor_id}_{_organ_for(role)}"
            return cand if cand in registry else st.actor_id
    return ""


_ROLE_ORG_LONGEST_FIRST = sorted(_ROLE_ORG, key=len, reverse=True)


def _organ_for(role: str) -> str:
    low = role.lower()
    for key in _ROLE_ORG_LONGEST_FIRST:
        if key in low and re.search(rf"\b{re.escape(key)}", low):
            return _ROLE_ORG[key]
    return "gov"
