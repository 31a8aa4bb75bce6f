"""`interop explain CODE`: every code the tool prints, from the tables that define them.

Rule codes come from the rule registry, SPEC and CONF codes from the
loader's catalogue (interop.load.errors) and DIFF codes from the diff reports'
(interop.report.diff_machine). Each table is imported only when the code's
prefix asks for it.
"""

from __future__ import annotations

import re

_CODE = re.compile(r"[A-Z]+[0-9]{3}")


def explanation(code: str) -> str | None:
    """The documentation of ``code`` (any case), or None when no table has it."""
    code = code.strip().upper()
    if not _CODE.fullmatch(code):
        return None
    if code.startswith("SPEC"):
        return _spec(code)
    if code.startswith("CONF"):
        return _conf(code)
    if code.startswith("DIFF"):
        return _diff(code)
    from interop.rules import reference

    return reference.render_rule(code)


def known_codes() -> list[str]:
    """Every code ``explain`` knows (imports every table: for suggestions only)."""
    from interop.load.errors import CONFIG_CODES, ERROR_CODES
    from interop.report.diff_machine import DIFF_CODES
    from interop.rules.base import registry

    return sorted({*registry(), *ERROR_CODES, *CONFIG_CODES, *DIFF_CODES})


def suggestion(code: str) -> str:
    """The message for a code no table has, with the closest known code when there is one."""
    import difflib

    close = difflib.get_close_matches(code.strip().upper(), known_codes(), n=1, cutoff=0.6)
    hint = f" (did you mean {close[0]}?)" if close else ""
    return (
        f"no code {code!r}{hint}; 'interop rules' lists the rule codes, docs/errors.md the SPEC codes, "
        "docs/ci.md the CONF codes"
    )


def _spec(code: str) -> str | None:
    from interop.load.errors import ERROR_CODES

    entry = ERROR_CODES.get(code)
    if entry is None:
        return None
    return f"# {entry.code}: {entry.title}\n\nA spec file problem (interop validate; exit 1, or 2 for files that cannot be read).\n\n{entry.meaning}\n"


def _conf(code: str) -> str | None:
    from interop.load.errors import CONFIG_CODES, FATAL_CODES

    meaning = CONFIG_CODES.get(code)
    if meaning is None:
        return None
    effect = (
        "The configuration cannot be used: the command stops with exit 2."
        if code in FATAL_CODES
        else "The command runs and then fails (exit 1)."
    )
    return f"# {code}: configuration problem\n\n{meaning}\n\n{effect}\n"


def _diff(code: str) -> str | None:
    from interop.report.diff_machine import DIFF_CODES

    entry = DIFF_CODES.get(code)
    if entry is None:
        return None
    title, meaning, level = entry
    return f"# {code}: {title}\n\nA change reported by interop diff.\n\n{meaning}\n\nLevel in SARIF and GitHub annotations: {level}.\n"
