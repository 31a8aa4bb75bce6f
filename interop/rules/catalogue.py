"""Imports every rule module so each registers itself.

Adding a rule means adding a function with the @rule decorator to one of
these modules (or a new module listed here); nothing else to keep in step.
"""

from interop.rules import approach, carry, homecoming, mate, reach, transfer  # noqa: F401
