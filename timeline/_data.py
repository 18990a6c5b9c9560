"""Find and load gapline's data files (lexicons, actor registries, gazetteer, demo case)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

from gapline.errors import ConfigError

_HERE = Path(__file__).resolve().parent


def data_dir() -> Path:
    """The ``data/`` folder: beside the packages in a checkout, inside ``gapline/`` when installed."""
    for candidate in (_HERE.parent / "data", _HERE.parent / "gapline" / "data"):
        if (candidate / "lexicons").is_dir():
            return candidate
    raise ConfigError("gapline's data folder is missing; reinstall gapline (pip install -e .)")


def read_yaml(path: Path) -> Any:
    """Parse one YAML file, turning parse errors into a :class:`ConfigError` naming the file."""
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror}") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path} is not valid YAML: {exc}; fix the file and run again") from None


@cache
def lexicon(name: str, language: str = "en") -> dict[str, Any]:
    """A lexicon file ``data/lexicons/<name>.yaml`` (``en`` is ``en.yaml``)."""
    stem = language if name == "core" else f"{name}_{language}"
    path = data_dir() / "lexicons" / f"{stem}.yaml"
    content = read_yaml(path)
    if not isinstance(content, dict):
        raise ConfigError(f"{path} must be a mapping")
    return content


@cache
def places() -> dict[str, dict[str, list[str]]]:
    """The gazetteer: canonical place name → its names and demonyms."""
    content = read_yaml(data_dir() / "places.yaml") or {}
    return content.get("places", {})
