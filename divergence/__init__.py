"""Events in; ranked, explained flags of narrative divergence out.

:mod:`divergence.propositions` says what an event is about, :mod:`divergence.rules` holds the
registered rules, :mod:`divergence.flag` groups, scores and explains, and
:mod:`divergence.case` builds the :class:`~divergence.case.Case` the dashboard reads.
"""

from divergence.case import Case, build_case
from divergence.flag import find_flags, flags_from_propositions, names_as_codes
from divergence.rules import RULES, Settings

__all__ = ["Case", "RULES", "Settings", "build_case", "find_flags", "flags_from_propositions", "names_as_codes"]
