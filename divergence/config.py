"""Divergence settings from a documented TOML file.

The file has four tables, every key optional (``data/gapline.toml`` is the documented
default)::

    [windows]  say_vs_do, say_vs_say, reversal, framing whole days >= 0
    [weights]  official, link, time, matter             numbers in [0, 1] that sum to 1
    [scoring]  corroboration_step, corroboration_cap, min_score
    [rules]    enabled                                   rule names, e.g. "reversal.v1"

:func:`load_settings` turns a file into :class:`~divergence.rules.Settings` and raises
:class:`~gapline.errors.ConfigError` naming the key for anything wrong: an unknown table or
key, a value of the wrong type or range, weights that do not sum to 1, an unknown rule.
:func:`settings_toml` writes settings back as TOML (what ``--explain`` prints).
"""

from __future__ import annotations

import math
import tomllib
from pathlib import Path
from typing import Any, NamedTuple

from divergence.rules import RULES, Settings
from gapline.errors import ConfigError

__all__ = ["KEYS", "LoadedSettings", "load_settings", "find_settings", "settings_toml", "DEFAULT_NAME"]

DEFAULT_NAME = "gapline.toml"


class _Key(NamedTuple):
    field: str
    kind: type
    low: float
    high: float
    unit: str


KEYS: dict[str, dict[str, _Key]] = {
    "windows": {
        "say_vs_do": _Key("window_days", int, 0, 36_500, "a whole number of days"),
        "say_vs_say": _Key("say_window_days", int, 0, 36_500, "a whole number of days"),
        "reversal": _Key("reversal_days", int, 0, 36_500, "a whole number of days"),
        "framing": _Key("framing_days", int, 0, 36_500, "a whole number of days"),
    },
    "weights": {
        "official": _Key("w_official", float, 0, 1, "a number from 0 to 1"),
        "link": _Key("w_link", float, 0, 1, "a number from 0 to 1"),
        "time": _Key("w_time", float, 0, 1, "a number from 0 to 1"),
        "matter": _Key("w_matter", float, 0, 1, "a number from 0 to 1"),
    },
    "scoring": {
        "corroboration_step": _Key("corroboration_step", float, 0, 1, "a number from 0 to 1"),
        "corroboration_cap": _Key("corroboration_cap", int, 0, 100, "a whole number from 0 to 100"),
        "min_score": _Key("min_score", float, 0, 1, "a number from 0 to 1"),
    },
    "rules": {"enabled": _Key("rules", list, 0, 0, "a list of rule names")},
}


class LoadedSettings(NamedTuple):
    settings: Settings
    source: str  # the file read, or "built-in defaults"


def _value(where: str, key: _Key, raw: Any) -> Any:
    if key.kind is list:
        if not isinstance(raw, list) or not all(isinstance(x, str) for x in raw):
            raise ConfigError(f"{where} must be {key.unit}, e.g. [\"reversal.v1\"]; found {raw!r}")
        unknown = [x for x in raw if x not in RULES]
        if unknown:
            raise ConfigError(f"{where}: unknown rule {unknown[0]!r}; known rules: {', '.join(sorted(RULES))}")
        return tuple(dict.fromkeys(raw))
    if isinstance(raw, bool) or not isinstance(raw, int | float) or (key.kind is int and not isinstance(raw, int)):
        raise ConfigError(f"{where} must be {key.unit}; found {raw!r}")
    if isinstance(raw, float) and not math.isfinite(raw) or not key.low <= raw <= key.high:
        raise ConfigError(f"{where} must be {key.unit} (from {key.low:g} to {key.high:g}); found {raw!r}")
    return key.kind(raw)


def settings_from_mapping(data: dict[str, Any], *, source: str = "settings") -> Settings:
    """Settings from a parsed TOML mapping (missing keys keep their defaults)."""
    values: dict[str, Any] = {}
    for table, content in data.items():
        if table not in KEYS:
            raise ConfigError(f"{source}: unknown table [{table}]; the tables are {', '.join(f'[{t}]' for t in KEYS)}")
        if not isinstance(content, dict):
            raise ConfigError(f"{source}: {table} must be a table ([{table}] followed by key = value lines)")
        for name, raw in content.items():
            key = KEYS[table].get(name)
            if key is None:
                raise ConfigError(f"{source}: unknown key {table}.{name}; [{table}] takes {', '.join(KEYS[table])}")
            values[key.field] = _value(f"{source}: {table}.{name}", key, raw)
    settings = Settings()._replace(**values)
    total = settings.w_official + settings.w_link + settings.w_time + settings.w_matter
    if abs(total - 1.0) > 1e-6:
        raise ConfigError(f"{source}: the [weights] must sum to 1; they sum to {total:g}")
    if not settings.rules:
        raise ConfigError(f"{source}: rules.enabled is empty; name at least one rule")
    return settings


def load_settings(path: str | Path) -> Settings:
    """Read a settings file (TOML)."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{p}: no such settings file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{p}: cannot be read as a settings file ({exc})") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{p}: not valid TOML ({exc}); see data/gapline.toml for the format") from None
    return settings_from_mapping(data, source=str(p))


def find_settings(path: str | Path | None = None, *, cwd: str | Path = ".") -> LoadedSettings:
    """The settings a run uses: ``path`` if given, else ``gapline.toml`` in ``cwd`` if present, else the defaults."""
    if path is not None:
        return LoadedSettings(load_settings(path), str(path))
    local = Path(cwd) / DEFAULT_NAME
    if local.is_file():
        return LoadedSettings(load_settings(local), str(local))
    return LoadedSettings(Settings(), "built-in defaults")


def settings_toml(settings: Settings) -> str:
    """The settings as a TOML document, in the layout of ``data/gapline.toml``.

    Examples
    --------
    >>> print(settings_toml(Settings()).splitlines()[1])
    say_vs_do = 120
    """
    lines = []
    for table, keys in KEYS.items():
        lines.append(f"[{table}]")
        for name, key in keys.items():
            v = getattr(settings, key.field)
            text = "[" + ", ".join(f'"{x}"' for x in v) + "]" if key.kind is list else repr(v)
            lines.append(f"{name} = {text}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
