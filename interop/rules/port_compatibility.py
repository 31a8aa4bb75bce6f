"""Whether two ports can mate: the one decision, as the rules and the engine name it.

The decision itself is :func:`interop.model.mating.check_mate`, in the model
layer so that the loader checks declared dockings with it too (issue 26);
this module names it for the rules, the engine and the reports.
"""

from __future__ import annotations

from interop.model.mating import MateCause as MateCause
from interop.model.mating import MateCheck as MateCheck
from interop.model.mating import MateStatus as MateStatus
from interop.model.mating import check_mate as check_mate
