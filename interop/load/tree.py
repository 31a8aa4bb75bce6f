"""YAML/JSON text to plain values, keeping the position of every key and value.

Built from the parser's event stream, not from ``yaml.load``: that way the
loader sees every key (so duplicates are caught), every tag (so only standard
ones pass), every alias (so expansion is counted) and the depth (so nesting is
bounded), with no recursion and nothing constructed from a tag.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from interop.load import errors
from interop.load.limits import DEFAULT_LIMITS, Limits
from interop.load.scalars import Refusal, plain_value, tagged_value
from interop.model.finding import Finding, Position
from interop.model.values import quoted


class _PurePythonParser(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser):
    def __init__(self, stream):
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)


try:  # libyaml's parser when present (much faster: docs/performance.md); the pure-Python one otherwise
    # ``yaml`` itself does not export CParser: importing it from there always
    # fell back to the pure-Python parser (docs/performance.md).
    from yaml.cyaml import CParser as _Parser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    _Parser = _PurePythonParser

_STANDARD = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_STANDARD}{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")}
# libyaml errors the pure-Python parser gets past (see where it is used).
_PURE_PARSER_KNOWS = re.compile("maximum nesting depth|invalid Unicode character escape code")
_MAP_TAG = f"{_STANDARD}map"
_SEQ_TAG = f"{_STANDARD}seq"

Path = tuple  # of str keys and int indexes


@dataclass
class SourceMap:
    """Where each value (and each mapping key) of one document stands."""

    file: str
    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def value(self, path: Path) -> Position:
        """Position of the value at ``path``, or of its nearest known parent."""
        return self._nearest(self.values, path)

    def key(self, path: Path) -> Position:
        """Position of the key naming ``path``, falling back to the value."""
        if path in self.keys:
            line, column = self.keys[path]
            return Position(self.file, line, column)
        return self.value(path)

    def _nearest(self, table: dict, path: Path) -> Position:
        path = tuple(path)
        while path not in table and path:
            path = path[:-1]
        line, column = table.get(path, (1, 1))
        return Position(self.file, line, column)


class TreeError(Exception):
    def __init__(self, finding: Finding, by_parser: bool = False):
        super().__init__(finding.message)
        self.finding = finding
        self.by_parser = by_parser  # the YAML parser refused the text (syntax, a character)


def _mark(mark) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1)


def _fail(file: str, code: str, message: str, mark=None) -> TreeError:
    line, column = _mark(mark) if mark is not None else (1, 1)
    return TreeError(Finding(code, message, Position(file, line, column)))


# Plain scalars repeat across a catalog (true, 0, units, interface ids); their
# resolved values are immutable, so each text is resolved once per process.
_PLAIN_VALUES: dict[str, object] = {}
_PLAIN_CACHE_LIMIT = 20_000


def _plain_value(text: str) -> object:
    """The value of an untagged plain scalar (YAML 1.2 core), or a Refusal."""
    try:
        return _PLAIN_VALUES[text]
    except KeyError:
        value = plain_value(text)
        if len(_PLAIN_VALUES) < _PLAIN_CACHE_LIMIT:
            _PLAIN_VALUES[text] = value
        return value


# Characters YAML ends a line at while editors, grep -n and review tools do not
# (a lone CR is a line end to some editors and not to others): refused before
# parsing, so every line number the parser gives is the one editors show.
_HIDDEN_BREAK = re.compile("[\x85\u2028\u2029]|\r(?!\n)")
_BREAK_NAMES = {
    "\x85": "next-line character (U+0085)",
    "\u2028": "line separator (U+2028)",
    "\u2029": "paragraph separator (U+2029)",
    "\r": "carriage return (U+000D) without a line feed",
}
_SURROGATE = re.compile("[\ud800-\udfff]")


def _line_column(text: str, index: int) -> tuple[int, int]:
    """Line and column of ``text[index]`` as editors count them (lines end at LF)."""
    return text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index)


def _at(file: str, code: str, message: str, text: str, index: int) -> TreeError:
    line, column = _line_column(text, index)
    return TreeError(Finding(code, message, Position(file, line, column)))


def _refuse_hidden_breaks(text: str, file: str) -> None:
    found = _HIDDEN_BREAK.search(text)
    if found:
        name = _BREAK_NAMES[found.group()]
        raise _at(
            file,
            errors.HIDDEN_LINE_BREAK,
            f"a {name}: YAML ends a line here, editors and grep do not; "
            "remove it, or write it as an escape inside a double-quoted string",
            text,
            found.start(),
        )


def _whole_characters(value: str, file: str, mark) -> str:
    """A double-quoted scalar's escaped UTF-16 surrogate pairs (what json.dumps
    writes for 🚀) joined into one character; a lone surrogate is refused."""
    try:
        return value.encode("utf-16-le", "surrogatepass").decode("utf-16-le")
    except UnicodeDecodeError as exc:
        lone = value.encode("utf-16-le", "surrogatepass")[exc.start : exc.start + 2].decode(
            "utf-16-le", "surrogatepass"
        )
        raise _fail(
            file,
            errors.NOT_TEXT,
            f"\\u{ord(lone):04x} is half of a UTF-16 surrogate pair, not a character: "
            "escape the whole pair or write the character",
            mark,
        ) from None


def _json_value(text: str, file: str) -> object:
    """What json.loads reads from a .json file (RFC 8259), or _UNREAD when the
    YAML pass must name the problem (a number too long, nesting too deep)."""
    import json

    try:
        # NaN and Infinity are not JSON: they stay the text, as the YAML pass reads them.
        return json.loads(text, parse_constant=str)
    except json.JSONDecodeError as exc:
        raise TreeError(
            Finding(
                errors.SYNTAX,
                f"not valid JSON: {exc.msg.removesuffix(' at').lower()}",
                Position(file, exc.lineno, exc.colno),
            )
        ) from None
    except (ValueError, RecursionError):
        return _UNREAD


_UNREAD = object()


def parse_tree(text: str, file: str, limits: Limits = DEFAULT_LIMITS, _parser_class=None):
    """Parse one document; return ``(value, SourceMap)`` or raise TreeError.

    A ``.json`` file means what json.loads reads (refused where that refuses);
    the YAML pass still gives every position and the checks on keys and size.
    """
    _refuse_hidden_breaks(text, file)
    if not file.endswith(".json"):
        return _parse_events(text, file, limits, _parser_class)
    value = _json_value(text, file)
    try:
        root, source_map = _parse_events(text, file, limits, _parser_class)
    except TreeError as exc:
        if not exc.by_parser or value is _UNREAD:
            raise
        # Valid JSON the YAML parser refuses (a control character in a string):
        # JSON's reading, positions at the top.
        return value, SourceMap(file, {(): (1, 1)})
    return (root if value is _UNREAD else value), source_map


def _parse_events(text: str, file: str, limits: Limits, _parser_class=None):
    # One flat loop over the parser's events, with the open container's state in
    # locals: this runs for every value of every spec file, so it is written for
    # speed (docs/performance.md); each event kind's branch says what it checks.
    values: dict[Path, tuple[int, int]] = {}
    keys: dict[Path, tuple[int, int]] = {}
    source_map = SourceMap(file, values, keys)
    anchors: dict[str, tuple[object, int]] = {}  # anchor -> (value, node count)
    # The open containers below the innermost: (container, path, is_map, anchor, start count).
    stack: list[tuple] = []
    # The innermost open container (None before the root): a dict when is_map,
    # else a list. Typed Any because only the flag says which, and this loop
    # tests the flag, not isinstance, for speed.
    container: Any = None
    path: Path = ()
    is_map = False
    anchor = None
    start_count = 0
    # In a mapping: the key's path, read and waiting for its value. Typed Any
    # for the same reason: is_map and the event order say when it is set.
    pending: Any = None
    root = _NOTHING = object()
    documents = 0
    count = 0
    max_nodes, max_depth = limits.max_nodes, limits.max_depth
    ScalarEvent, MappingStartEvent, SequenceStartEvent = (
        yaml.ScalarEvent,
        yaml.MappingStartEvent,
        yaml.SequenceStartEvent,
    )
    MappingEndEvent, SequenceEndEvent, AliasEvent = yaml.MappingEndEvent, yaml.SequenceEndEvent, yaml.AliasEvent
    DocumentStartEvent, StreamEndEvent = yaml.DocumentStartEvent, yaml.StreamEndEvent
    parser_class = _parser_class or _Parser
    # libyaml refuses an escaped surrogate outright (the retry below); the
    # pure-Python parser passes each half on, to be joined here.
    surrogates_possible = parser_class is _PurePythonParser

    try:
        get_event = parser_class(text).get_event
        while True:
            event = get_event()
            if event is None:
                break
            kind = type(event)

            if is_map and pending is None and container is not None and kind is not MappingEndEvent:
                # A mapping awaits a key: plain text only, each key once.
                if kind is not ScalarEvent:
                    raise _fail(
                        file,
                        errors.UNSUPPORTED_YAML,
                        "mapping keys must be plain text, not lists or mappings",
                        event.start_mark,
                    )
                tag = event.tag
                if tag is not None and tag != "!" and tag not in _SCALAR_TAGS:
                    raise _fail(
                        file, errors.UNSUPPORTED_YAML, f"tag {quoted(tag)} is not allowed in a spec", event.start_mark
                    )
                key = event.value
                if key == "<<" and event.implicit[0]:
                    raise _fail(
                        file,
                        errors.UNSUPPORTED_YAML,
                        "merge keys ('<<') are not supported: write the values out",
                        event.start_mark,
                    )
                if tag is None and event.implicit[0]:
                    # Keys stay text, but YAML 1.1 tools read `on:` as true.
                    reading = _plain_value(key)
                    if reading.__class__ is Refusal and reading.key_message:
                        raise _fail(file, reading.code, reading.key_message, event.start_mark)
                elif surrogates_possible and event.style == '"' and _SURROGATE.search(key):
                    key = _whole_characters(key, file, event.start_mark)
                pending = path + (key,)
                if key in container:
                    first = keys.get(pending)
                    where = f" (first at line {first[0]})" if first else ""
                    raise _fail(
                        file,
                        errors.DUPLICATE_KEY,
                        f"duplicate key {quoted(key)}{where}: a spec must not lose a value",
                        event.start_mark,
                    )
                mark = event.start_mark
                keys[pending] = (mark.line + 1, mark.column + 1)
                continue

            if kind is ScalarEvent or kind is AliasEvent:
                # A value: a scalar (tags checked, numbers resolved) or an alias
                # (its expansion counted against the node limit).
                if kind is ScalarEvent:
                    count += 1
                    if count > max_nodes:
                        raise _fail(
                            file, errors.TOO_COMPLEX, f"more than {max_nodes} values in one document", event.start_mark
                        )
                    tag = event.tag
                    if tag is None:
                        if event.implicit[0]:
                            value = _plain_value(event.value)
                            if value.__class__ is Refusal:
                                raise _fail(file, value.code, value.message, event.start_mark)
                        else:
                            value = event.value
                            if surrogates_possible and event.style == '"' and _SURROGATE.search(value):
                                value = _whole_characters(value, file, event.start_mark)
                    elif tag == "!":
                        value = event.value  # the non-specific tag: text, as written
                    elif tag in _SCALAR_TAGS:
                        value = event.value
                        if surrogates_possible and event.style == '"' and _SURROGATE.search(value):
                            value = _whole_characters(value, file, event.start_mark)
                        value = tagged_value(value, tag)
                        if value.__class__ is Refusal:
                            raise _fail(file, value.code, value.message, event.start_mark)
                    else:
                        raise _fail(
                            file,
                            errors.UNSUPPORTED_YAML,
                            f"tag {quoted(tag)} is not allowed in a spec",
                            event.start_mark,
                        )
                    if event.anchor:
                        anchors[event.anchor] = (value, 1)
                else:
                    if event.anchor not in anchors:
                        raise _fail(file, errors.SYNTAX, f"unknown alias {quoted(event.anchor)}", event.start_mark)
                    value, size = anchors[event.anchor]
                    count += size
                    if count > max_nodes:
                        raise _fail(
                            file,
                            errors.TOO_COMPLEX,
                            f"aliases expand to more than {max_nodes} values",
                            event.start_mark,
                        )
                mark = event.start_mark
                if container is None:
                    root = value
                    values[()] = (mark.line + 1, mark.column + 1)
                elif is_map:
                    container[pending[-1]] = value
                    values[pending] = (mark.line + 1, mark.column + 1)
                    pending = None
                else:
                    values[path + (len(container),)] = (mark.line + 1, mark.column + 1)
                    container.append(value)
                continue

            if kind is MappingStartEvent or kind is SequenceStartEvent:
                # A new container: standard tag only, within the depth and node limits.
                opens_map = kind is MappingStartEvent
                if event.tag not in (None, "!", _MAP_TAG if opens_map else _SEQ_TAG):
                    raise _fail(
                        file,
                        errors.UNSUPPORTED_YAML,
                        f"tag {quoted(event.tag)} is not allowed in a spec",
                        event.start_mark,
                    )
                depth = len(stack) + (container is not None)
                if depth >= max_depth:
                    raise _fail(file, errors.TOO_COMPLEX, f"nested deeper than {max_depth} levels", event.start_mark)
                count += 1
                if count > max_nodes:
                    raise _fail(
                        file, errors.TOO_COMPLEX, f"more than {max_nodes} values in one document", event.start_mark
                    )
                opened: dict[str, object] | list[object] = {} if opens_map else []
                mark = event.start_mark
                if container is None:
                    root = opened
                    child_path = ()
                else:
                    if is_map:
                        child_path = pending
                        container[pending[-1]] = opened
                    else:
                        child_path = path + (len(container),)
                        container.append(opened)
                    stack.append((container, path, is_map, anchor, start_count))
                values[child_path] = (mark.line + 1, mark.column + 1)
                container, path, is_map, anchor, start_count, pending = (
                    opened,
                    child_path,
                    opens_map,
                    event.anchor,
                    count,
                    None,
                )
                continue

            if kind is MappingEndEvent or kind is SequenceEndEvent:
                if anchor:
                    anchors[anchor] = (container, count - start_count + 1)
                if stack:
                    container, path, is_map, anchor, start_count = stack.pop()
                    pending = None
                else:
                    container, is_map = None, False
                continue

            if kind is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _fail(
                        file,
                        errors.SEVERAL_DOCUMENTS,
                        "more than one document in this file: put each document in its own file",
                        event.start_mark,
                    )
                continue
            if kind is StreamEndEvent:
                break
    except yaml.MarkedYAMLError as exc:
        if parser_class is not _PurePythonParser and _PURE_PARSER_KNOWS.search(str(exc.problem)):
            # libyaml stops at its own depth (1000) while scanning ahead of the
            # events, and refuses escaped surrogate pairs that JSON writes;
            # the pure-Python parser lets our limit name the spot, and passes
            # the pair on to be joined.
            return _parse_events(text, file, limits, _PurePythonParser)
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or str(exc)
        if exc.context:
            problem = f"{problem} ({exc.context})"
        raise TreeError(_fail(file, errors.SYNTAX, problem, mark).finding, by_parser=True) from None
    except yaml.reader.ReaderError as exc:
        # A character YAML does not allow: name it where it stands (the error's
        # own offset counts bytes in libyaml, characters in PyYAML).
        found = yaml.reader.Reader.NON_PRINTABLE.search(text)
        problem = str(exc).splitlines()[0]
        if found is None:
            raise TreeError(_fail(file, errors.SYNTAX, problem).finding, by_parser=True) from None
        refused = _at(
            file,
            errors.NOT_TEXT,
            f"character U+{ord(found.group()):04X} (a control or non-character) is not allowed in YAML: "
            "remove it, or write it as an escape inside a double-quoted string",
            text,
            found.start(),
        )
        raise TreeError(refused.finding, by_parser=True) from None
    except yaml.YAMLError as exc:
        raise TreeError(_fail(file, errors.SYNTAX, str(exc).splitlines()[0]).finding, by_parser=True) from None
    except RecursionError:
        raise _fail(file, errors.TOO_COMPLEX, f"nested deeper than {limits.max_depth} levels") from None
    if root is _NOTHING:
        raise _fail(file, errors.NOT_A_MAPPING, "the file holds no document (empty, or only comments)")
    return root, source_map
