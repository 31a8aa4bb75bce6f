"""Stable codes for everything the loader can say, with their meaning.

The SPEC codes of spec files and the CONF codes of the project configuration
(interop.load.config) live here, in a leaf module that imports nothing of the
package at import time (as yamllint's and sqlfluff's rule codes do): every
module of the loader can take its codes from here without a circle. The
input limits are in interop.load.limits, the other leaf. The catalogue here
feeds ``docs/errors.md``; a test keeps the two in step.
"""

from __future__ import annotations

from dataclasses import dataclass

from interop.load.limits import MAX_CONFIG_BYTES, MAX_CONFIG_DEPTH


@dataclass(frozen=True)
class ErrorCode:
    code: str
    title: str
    meaning: str


_CODES = [
    ErrorCode(
        "SPEC001",
        "YAML or JSON syntax error",
        "The file is not well-formed YAML or JSON; the position is where the parser gave up.",
    ),
    ErrorCode(
        "SPEC002",
        "Not a single mapping",
        "A spec file holds exactly one document whose top level is a mapping (kind, id, ...). Empty files, lists and scalars at the top are refused.",
    ),
    ErrorCode(
        "SPEC003",
        "Duplicate key",
        "The same key appears twice in one mapping. YAML parsers usually keep the last one silently; interop refuses, so no value is lost.",
    ),
    ErrorCode(
        "SPEC004",
        "Unsupported YAML feature",
        "A tag other than the standard ones (str, int, float, bool, null, map, seq, timestamp), a merge key, or a non-scalar key. Nothing in a spec is ever executed or constructed from a tag.",
    ),
    ErrorCode(
        "SPEC005",
        "Unknown kind",
        "The `kind` field is missing or names no spec kind (DockingInterface, Vehicle, TransportSystem, RescueScenario).",
    ),
    ErrorCode(
        "SPEC006", "Unsupported schema version", "`schema_version` is missing or not one this version of interop reads."
    ),
    ErrorCode(
        "SPEC007",
        "Read differently by YAML 1.1",
        "A plain (unquoted) value or key that YAML 1.1 tools (PyYAML and the libraries built on it) read differently from YAML 1.2 tools, editors and the JSON Schemas: `yes`/`no`/`on`/`off`/`y`/`n` (booleans to 1.1, text to 1.2), `010` (8 to 1.1, 10 to 1.2), `1:30` (90 to 1.1), `0b11`, `1_000`, `0o10`, `-.5`. Write the value so both read it alike, or quote it to mean the text. JSON numbers (`1e5`) are numbers.",
    ),
    ErrorCode(
        "SPEC008",
        "Bad tagged value",
        "A standard tag on a text that is not a value of its type in YAML 1.2: `!!int abc`, `!!float 1_0`, `!!bool yes`, `!!null x`, `!!timestamp 2024-13-45`.",
    ),
    ErrorCode("SPEC010", "Missing field", "A required field is absent."),
    ErrorCode(
        "SPEC011", "Unknown field", "A field the schema does not define; often a typo, and a close match is suggested."
    ),
    ErrorCode(
        "SPEC012",
        "Wrong type",
        "A value of the wrong type: a string where a number belongs, a list where a mapping belongs, and so on.",
    ),
    ErrorCode(
        "SPEC013",
        "Value not allowed",
        "A value outside a closed vocabulary (mating style, port role, regime, status...); the allowed values are listed.",
    ),
    ErrorCode(
        "SPEC014",
        "Bad unit",
        "A quantity written with an unknown unit, or a unit of the wrong dimension (a length in a pressure field).",
    ),
    ErrorCode(
        "SPEC015",
        "Out of range",
        "A number that is negative where a size is meant, not finite (NaN, infinity), or too large to be sane; a number written with more than 4,300 digits (Python's limit for printing integers); or a list that is too short.",
    ),
    ErrorCode(
        "SPEC016", "Bad id", "An id or reference that is not a lowercase slug (letters, digits, single hyphens)."
    ),
    ErrorCode(
        "SPEC017",
        "Bad range",
        'A range that is not `NUMBER..NUMBER [UNIT]` (`"70..101 kPa"`, `"10..11"`: one unit for both ends, none for a count) or whose low end is above its high end. An end outside the field\'s limits is SPEC015 and a wrong unit SPEC014, at the end or the `unit:` of a `{min, max, unit}` mapping.',
    ),
    ErrorCode(
        "SPEC020",
        "Unresolved reference",
        "A reference to a document or port that is not in the catalog; close matches are suggested.",
    ),
    ErrorCode(
        "SPEC021",
        "Duplicate id",
        "Two documents of the same kind share an id, or two ports of one vehicle share a port id.",
    ),
    ErrorCode("SPEC022", "Bad estimate path", "An `estimates` entry names a field that the document does not set."),
    ErrorCode("SPEC023", "Inclusion cycle", "A transport system includes itself, directly or through others."),
    ErrorCode("SPEC030", "Unreadable path", "A file or folder that does not exist or cannot be read (exit code 2)."),
    ErrorCode("SPEC031", "File too large", "The file exceeds the size limit; raise `max_file_bytes` if it is genuine."),
    ErrorCode(
        "SPEC032",
        "Too complex",
        "The document nests deeper than `max_depth`, or expands (through aliases) to more than `max_nodes` values.",
    ),
    ErrorCode(
        "SPEC033",
        "Not text",
        "The file is not UTF-8 text: invalid bytes, a NUL byte, a control character YAML does not allow, binary content, or an escaped lone surrogate (`\\ud83d` without its pair). Also a file or folder whose name is not valid UTF-8 (shown with its bytes escaped): rename it.",
    ),
    ErrorCode("SPEC034", "Several documents", "A file holds more than one YAML document; use one file per document."),
    ErrorCode(
        "SPEC035", "Symbolic-link loop", "A folder link points back into a folder already being read; it is skipped."
    ),
    ErrorCode(
        "SPEC024",
        "Not an element of the system",
        "A scenario's distressed vehicle or responder names a transport system that does not have it among its elements (or those of the systems it includes).",
    ),
    ErrorCode(
        "SPEC025",
        "More crew than seats",
        "Retired: a responder with too few seats for everyone is no input error but the question a scenario asks; CREW002 and CREW003 answer it FAIL with the figures. The code is never reported.",
    ),
    ErrorCode(
        "SPEC026",
        "Partner that cannot mate",
        "A docking interface's `mates_with` names an interface it can never mate with: one of another style (a gendered probe or drogue with an androgynous ring, a berthing mechanism with a docking one), or a gendered interface of the same gender where no port of the catalog gives either of them the other gender. Style and gender decide before partner lists, so the entry changes no verdict; correct the list or the style.",
    ),
    ErrorCode(
        "SPEC027",
        "Regime beyond the vehicle",
        "A warning: a vehicle declares a regime that its type or its published delta-v contradicts, read against the catalog's transfer table (a capsule declared on the lunar surface, where the table says only a lander can be; a delta-v short of the transfers there and back from Earth and from every other regime it declares). Declared regimes stand as the record declares them and no verdict changes; check the record, and the figures.",
    ),
    ErrorCode(
        "SPEC028",
        "Dockings that cannot all be true",
        "Within one system or scenario (its `dockings`, the distressed vehicle's `docked_to` and `port`, a responder's `docked_to`): a docking at a port a permanent connection of the systems in play holds, two vehicles at one port, a vehicle docked to itself, a vehicle docked at more places than it has ports (or one of its ports at two places), or a responder with seats moved in orbit from itself. A scenario's docking at a port a system's docking holds replaces it: that is the scenario's point, not a contradiction.",
    ),
    ErrorCode(
        "SPEC029",
        "Docking of ports that cannot mate",
        "A visitor's declared docking (a system's or a scenario's `dockings`) joins two ports the mate check says can never mate: mechanisms of different styles, two probes or two drogues, two active-only or two passive-only ports, or partner lists that both exist and exclude each other. The docking is a claim of fact, so one of the two ports or the docking is wrong. A mate check open only because nobody published what an interface mates with is settled by the docking itself and is no finding. The distressed vehicle's and a responder's `docked_to` are checked in the rescue (DOCK001).",
    ),
    ErrorCode(
        "SPEC040",
        "Deprecated field",
        "A field kept under an old name or with an old meaning. The document still loads and nothing fails on it (a warning); the message says what replaces it.",
    ),
    ErrorCode(
        "SPEC041",
        "Shelter that cannot shelter",
        "A scenario's shelter is not crewed (no cabin and life support for the crew), is named twice, or a responder names a shelter the scenario does not list, or itself.",
    ),
    ErrorCode(
        "SPEC036",
        "Hidden line break",
        "A line separator (U+2028), paragraph separator (U+2029), next-line character (U+0085) or a carriage return not followed by a line feed. YAML parsers end a line there while editors, `grep -n` and review tools do not, so a key can hide inside what looks like one line and line numbers drift. Write `\\u2028` (and so on) inside a double-quoted string, and end lines with LF or CRLF.",
    ),
]

ERROR_CODES: dict[str, ErrorCode] = {entry.code: entry for entry in _CODES}

SYNTAX = "SPEC001"
NOT_A_MAPPING = "SPEC002"
DUPLICATE_KEY = "SPEC003"
UNSUPPORTED_YAML = "SPEC004"
UNKNOWN_KIND = "SPEC005"
SCHEMA_VERSION = "SPEC006"
YAML11_READING = "SPEC007"
BAD_TAGGED_VALUE = "SPEC008"
MISSING_FIELD = "SPEC010"
UNKNOWN_FIELD = "SPEC011"
WRONG_TYPE = "SPEC012"
NOT_ALLOWED = "SPEC013"
BAD_UNIT = "SPEC014"
OUT_OF_RANGE = "SPEC015"
BAD_ID = "SPEC016"
BAD_RANGE = "SPEC017"
UNRESOLVED = "SPEC020"
DUPLICATE_ID = "SPEC021"
BAD_ESTIMATE = "SPEC022"
INCLUSION_CYCLE = "SPEC023"
UNREADABLE = "SPEC030"
TOO_LARGE = "SPEC031"
TOO_COMPLEX = "SPEC032"
NOT_TEXT = "SPEC033"
SEVERAL_DOCUMENTS = "SPEC034"
LINK_LOOP = "SPEC035"
NOT_AN_ELEMENT = "SPEC024"
TOO_MANY_CREW = "SPEC025"
PARTNER_CANNOT_MATE = "SPEC026"
REGIME_BEYOND_VEHICLE = "SPEC027"
CONTRADICTORY_DOCKING = "SPEC028"
DOCKING_CANNOT_MATE = "SPEC029"
HIDDEN_LINE_BREAK = "SPEC036"
DEPRECATED = "SPEC040"
BAD_SHELTER = "SPEC041"

CONFIG_SYNTAX = "CONF001"
CONFIG_UNREADABLE = "CONF002"
CONFIG_TOO_DEEP = "CONF003"
NO_RULE_ENABLED = "CONF023"
UNKNOWN_RULE = "CONF020"
BAD_RULE_OPTION = "CONF021"
WAIVER_TARGET = "CONF022"
EXPIRED_WAIVER = "CONF030"

CONFIG_CODES = {
    CONFIG_SYNTAX: "The configuration file is not well-formed TOML.",
    CONFIG_UNREADABLE: f"The configuration file cannot be read: missing, not a regular file (a FIFO or a device is never read), larger than {MAX_CONFIG_BYTES} bytes, or not UTF-8.",
    CONFIG_TOO_DEEP: f"Arrays, inline tables or keys nested more than {MAX_CONFIG_DEPTH} levels deep.",
    "CONF010": "A required setting is missing (a waiver without reason, owner or expiry).",
    "CONF011": "An unknown setting; often a typo, and a close match is suggested.",
    "CONF012": "A setting of the wrong type.",
    "CONF013": "A value outside the allowed choices (a severity, a fail level).",
    "CONF015": "A value out of range.",
    "CONF016": "A system id that is not a lowercase slug.",
    UNKNOWN_RULE: "A rule code (or code prefix) that names no registered rule.",
    BAD_RULE_OPTION: "A rule option the rule does not have, of the wrong type, or a number that is not finite (nan, inf).",
    WAIVER_TARGET: "A waiver must name a fingerprint, or a rule code and a subject.",
    NO_RULE_ENABLED: "The configuration enables no rule (``enable`` and ``disable`` leave none): every check would pass unchecked.",
    EXPIRED_WAIVER: "A waiver past its expiry date: renew it (new date, same review) or fix the finding.",
}
FATAL_CODES = frozenset(CONFIG_CODES) - {EXPIRED_WAIVER}


def render_reference() -> str:
    """docs/errors.md: every loader code and every input limit, from the code."""
    from dataclasses import fields

    from interop.load.limits import DEFAULT_LIMITS, Limits

    lines = [
        "# Loader error codes and input limits",
        "",
        "Generated from `interop/load/errors.py` and `interop/load/limits.py` by",
        "`python -c 'from interop.load.errors import render_reference; print(render_reference(), end=\"\")' > docs/errors.md`;",
        "a test fails when this page drifts. Every problem is reported as `path:line:column: message [CODE]`,",
        "never as a traceback. Exit codes: 1 for problems in specs, 2 for paths that cannot be read.",
        "",
        "| code | title | meaning |",
        "| --- | --- | --- |",
    ]
    lines += [f"| {e.code} | {e.title} | {e.meaning} |" for e in ERROR_CODES.values()]
    lines += [
        "",
        "## Configuration codes",
        "",
        "Problems in `interop.toml` or `[tool.interop]` (`interop/load/config.py`). All but CONF030 (an expired",
        "waiver, which is reported and makes the run fail) stop the command with exit code 2. A configuration",
        f"file is read only when it is a regular file of at most {MAX_CONFIG_BYTES:,} bytes, nested at most",
        f"{MAX_CONFIG_DEPTH} levels; one found by walking up the folders is named on stderr, and one owned by",
        "another user, or writable by anyone, is ignored with a warning.",
        "",
        "| code | meaning |",
        "| --- | --- |",
    ]
    lines += [f"| {code} | {meaning} |" for code, meaning in sorted(CONFIG_CODES.items())]
    lines += [
        "",
        "## Limits",
        "",
        "Hostile or broken input must cost bounded time and memory. Each limit has a default and can be",
        "changed on the command line (`interop validate --max-file-bytes N --max-nodes N --max-depth N`) or",
        "through the library (`interop.load.Limits`).",
        "",
        "| limit | default | what it bounds |",
        "| --- | --- | --- |",
    ]
    docs = _limit_docs()
    for item in fields(Limits):
        lines.append(f"| `{item.name}` | {getattr(DEFAULT_LIMITS, item.name):,} | {docs.get(item.name, '')} |")
    from interop.load.limits import SEARCH_BOUNDS, SearchBounds

    lines += [
        "",
        "### Search bounds",
        "",
        "The engine's searches are bounded by construction, counting work (steps, states, pairs), never",
        "seconds, so a report is the same on every machine. A bound that is hit is named in the report",
        "(`search_bound` in JSON, a `bound hit:` line in text) and the exit code stays the verdict's.",
        "Inclusion cycles among transport systems are found in one iterative walk, linear in systems and",
        "inclusions (SPEC023), at any depth.",
        "",
        "| bound | default | what it bounds |",
        "| --- | --- | --- |",
    ]
    search_docs = _limit_docs("SearchBounds")
    for item in fields(SearchBounds):
        lines.append(f"| `{item.name}` | {getattr(SEARCH_BOUNDS, item.name):,} | {search_docs.get(item.name, '')} |")
    lines += [
        "",
        "### Files interop writes",
        "",
        "`--output`, `init`, `new`, `schema --dir` and shell completion write through `interop/atomic.py`:",
        "a temporary file of the tool's own (exclusive create, never through a link) renamed or linked into",
        "place. `init` and `new` write only inside the folder given, never through a link below it (dangling",
        "or not), never over anything that exists; a folder, FIFO, device or link where a file would go, or a",
        "file where a folder must go, is one line naming the path and exit 2, before anything is written.",
        "`--output` never replaces a file the run read or could read as context (the configuration, the",
        "folders a single file's references resolve in, the bundled library): `cannot write PATH: it is one",
        "of the input files`, exit 2.",
        "",
        "Other guarantees: only regular files are read (a FIFO or device named `*.yaml` is refused at once,",
        "exit 2); folder links that loop, or lead to a folder holding the one being walked, are skipped with",
        "SPEC035 and nothing under them is read, as is a file link that loops; `/proc`, `/sys` and `/dev` are",
        "never read as specs; nothing is ever written into a spec folder;",
        "no tag constructs an object; no reference is followed to the network.",
        "",
        "Spec text means what YAML 1.2 tools, editors and the JSON Schemas read (the YAML 1.2 core schema):",
        "plain values YAML 1.1 tools read otherwise are refused (SPEC007); a `.json` file means what",
        "`json.loads` reads (RFC 8259; duplicate keys refused); line numbers are the ones editors and",
        "`grep -n` show (SPEC036); an integer has at most 4,300 digits (SPEC015), and messages quote at",
        "most 60 characters of any value; every pattern applied to spec text runs in linear time.",
        "",
        "## Fuzzing",
        "",
        "`tests/test_hostile_input.py` fuzzes the loader with hypothesis over raw bytes and over mutated valid",
        "specs on every run (a few hundred examples). For a long run:",
        "",
        "```sh",
        "INTEROP_FUZZ_EXAMPLES=20000 .venv/bin/pytest tests/test_hostile_input.py -k fuzz",
        "```",
        "",
        "Any crash found becomes a case in `tests/hostile_corpus/cases.yaml`.",
    ]
    return "\n".join(lines) + "\n"


def _limit_docs(class_name: str = "Limits") -> dict[str, str]:
    """The docstring under each field of ``class_name`` in interop/load/limits.py, read from the source."""
    import ast
    import inspect

    from interop.load import limits

    tree = ast.parse(inspect.getsource(limits))
    docs: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and node.name == class_name:
            body = node.body
            for current, following in zip(body, body[1:], strict=False):
                if (
                    isinstance(current, ast.AnnAssign)
                    and isinstance(current.target, ast.Name)
                    and isinstance(following, ast.Expr)
                    and isinstance(following.value, ast.Constant)
                ):
                    docs[current.target.id] = " ".join(str(following.value.value).split())
    return docs
