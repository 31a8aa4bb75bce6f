"""YAML/JSON text to plain values, keeping the position of every key and value.

Built from the parser's event stream, not from ``yaml.load``: that way the
loader sees every key (so duplicates are caught), every tag (so only standard
ones pass), every alias (so expansion is counted) and the depth (so nesting is
bounded), with no recursion and nothing constructed from a tag.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from interop.load import errors
from interop.load.limits import DEFAULT_LIMITS, Limits
from interop.model.finding import Finding, Position


class _PurePythonParser(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser):
    def __init__(self, stream):
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)


try:  # libyaml's parser when present (about 4x faster); the pure-Python one otherwise
    # ``yaml`` itself does not export CParser: importing it from there always
    # fell back to the pure-Python parser (docs/performance.md).
    from yaml.cyaml import CParser as _Parser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    _Parser = _PurePythonParser

_STANDARD = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_STANDARD}{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")}
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
    def __init__(self, finding: Finding):
        super().__init__(finding.message)
        self.finding = finding


class _Resolver(yaml.resolver.Resolver):
    pass


_resolver = _Resolver()
_constructor = yaml.constructor.SafeConstructor()
_SCALAR_BUILDERS = {
    f"{_STANDARD}null": lambda node: None,
    f"{_STANDARD}bool": _constructor.construct_yaml_bool,
    f"{_STANDARD}int": _constructor.construct_yaml_int,
    f"{_STANDARD}float": _constructor.construct_yaml_float,
    # Dates stay as the text written; models that want a date parse it.
    f"{_STANDARD}timestamp": lambda node: node.value,
    f"{_STANDARD}str": lambda node: node.value,
}


# YAML 1.1 (PyYAML) reads 1e12 and 1.0e12 as text; YAML 1.2 and JSON read them
# as numbers. Specs and JSON files mean numbers, so plain scalars of that form
# are numbers here.
_JSON_NUMBER = re.compile(r"^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?$")


def _mark(mark) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1)


def _fail(file: str, code: str, message: str, mark=None) -> TreeError:
    line, column = _mark(mark) if mark is not None else (1, 1)
    return TreeError(Finding(code, message, Position(file, line, column)))


# Plain scalars repeat across a catalog (true, 0, units, interface ids); their
# resolved values are immutable, so each text is resolved once per process.
_PLAIN_VALUES: dict[str, object] = {}
_PLAIN_CACHE_LIMIT = 20_000
_STR_TAG = f"{_STANDARD}str"


def _resolve_scalar(text: str, tag, implicit) -> tuple[object, str | None]:
    """The value of one scalar and its resolved tag; the tag is None when not allowed."""
    if tag is None or tag == "!":
        tag = _resolver.resolve(yaml.ScalarNode, text, implicit)
    if tag == _STR_TAG and implicit[0] and _JSON_NUMBER.match(text):
        tag = f"{_STANDARD}float"
    builder = _SCALAR_BUILDERS.get(tag)
    if builder is None:
        return None, None
    return builder(yaml.ScalarNode(tag, text)), tag


_REFUSED = object()


def _plain_value(text: str) -> object:
    """The value of an untagged plain scalar, or _REFUSED (YAML's '<<' and '=' markers)."""
    try:
        return _PLAIN_VALUES[text]
    except KeyError:
        value, tag = _resolve_scalar(text, None, (True, False))
        if tag is None:
            return _REFUSED
        if len(_PLAIN_VALUES) < _PLAIN_CACHE_LIMIT:
            _PLAIN_VALUES[text] = value
        return value


def parse_tree(text: str, file: str, limits: Limits = DEFAULT_LIMITS, _parser_class=None):
    """Parse one document; return ``(value, SourceMap)`` or raise TreeError."""
    # One flat loop over the parser's events, with the open container's state in
    # locals: this runs for every value of every spec file, so it is written for
    # speed (docs/performance.md); each event kind's branch says what it checks.
    values: dict[Path, tuple[int, int]] = {}
    keys: dict[Path, tuple[int, int]] = {}
    source_map = SourceMap(file, values, keys)
    anchors: dict[str, tuple[object, int]] = {}  # anchor -> (value, node count)
    # The open containers below the innermost: (container, path, is_map, anchor, start count).
    stack: list[tuple] = []
    container = None  # the innermost open container, None before the root
    path: Path = ()
    is_map = False
    anchor = None
    start_count = 0
    pending = None  # in a mapping: the key read, waiting for its value
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

    try:
        get_event = (_parser_class or _Parser)(text).get_event
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
                        file, errors.UNSUPPORTED_YAML, f"tag {tag!r} is not allowed in a spec", event.start_mark
                    )
                key = event.value
                if key == "<<" and event.implicit[0]:
                    raise _fail(
                        file,
                        errors.UNSUPPORTED_YAML,
                        "merge keys ('<<') are not supported: write the values out",
                        event.start_mark,
                    )
                pending = path + (key,)
                if key in container:
                    first = keys.get(pending)
                    where = f" (first at line {first[0]})" if first else ""
                    raise _fail(
                        file,
                        errors.DUPLICATE_KEY,
                        f"duplicate key {key!r}{where}: a spec must not lose a value",
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
                        value = _plain_value(event.value) if event.implicit[0] else event.value
                        if value is _REFUSED:
                            raise _fail(
                                file,
                                errors.UNSUPPORTED_YAML,
                                f"{event.value!r} is a YAML marker, not a value: quote it to mean the text",
                                event.start_mark,
                            )
                    else:
                        value, resolved = _resolve_scalar(event.value, tag, event.implicit)
                        if resolved is None:
                            raise _fail(
                                file, errors.UNSUPPORTED_YAML, f"tag {tag!r} is not allowed in a spec", event.start_mark
                            )
                    if event.anchor:
                        anchors[event.anchor] = (value, 1)
                else:
                    if event.anchor not in anchors:
                        raise _fail(file, errors.SYNTAX, f"unknown alias {event.anchor!r}", event.start_mark)
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
                        file, errors.UNSUPPORTED_YAML, f"tag {event.tag!r} is not allowed in a spec", event.start_mark
                    )
                depth = len(stack) + (container is not None)
                if depth >= max_depth:
                    raise _fail(file, errors.TOO_COMPLEX, f"nested deeper than {max_depth} levels", event.start_mark)
                count += 1
                if count > max_nodes:
                    raise _fail(
                        file, errors.TOO_COMPLEX, f"more than {max_nodes} values in one document", event.start_mark
                    )
                opened = {} if opens_map else []
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
        if _parser_class is None and _Parser is not _PurePythonParser and "maximum nesting depth" in str(exc.problem):
            # libyaml stops at its own depth (1000) while scanning ahead of the
            # events; the pure-Python parser lets our limit name the spot.
            return parse_tree(text, file, limits, _PurePythonParser)
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or str(exc)
        if exc.context:
            problem = f"{problem} ({exc.context})"
        raise _fail(file, errors.SYNTAX, problem, mark) from None
    except yaml.YAMLError as exc:
        raise _fail(file, errors.SYNTAX, str(exc).splitlines()[0]) from None
    except RecursionError:
        raise _fail(file, errors.TOO_COMPLEX, f"nested deeper than {limits.max_depth} levels") from None
    if root is _NOTHING:
        raise _fail(file, errors.NOT_A_MAPPING, "the file holds no document (empty, or only comments)")
    return root, source_map
