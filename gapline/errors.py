"""The one error tree of gapline.

::

    GaplineError                 anything gapline can explain to a user
    ├── InputError               an article, path or store that cannot be read as asked
    ├── SchemaError              a frame without the columns a stage requires
    ├── ConfigError              a settings value, lexicon or registry file that is wrong
    └── RuleError                a divergence rule that cannot run (unknown name, bad registry)

Library code raises these and never exits; the CLI catches ``GaplineError`` in one place,
prints the message on stderr and exits with status 1. Messages say what to do next.
"""

from __future__ import annotations

__all__ = ["GaplineError", "InputError", "SchemaError", "ConfigError", "RuleError"]


class GaplineError(Exception):
    """Base class of every error gapline reports to a user."""


class InputError(GaplineError):
    """An article, path or store that cannot be read as asked."""


class SchemaError(GaplineError):
    """A frame lacks a column (or dtype) that a stage requires."""


class ConfigError(GaplineError):
    """A settings value, lexicon or registry file is malformed."""


class RuleError(GaplineError):
    """A divergence rule cannot run."""
