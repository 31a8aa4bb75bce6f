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


class _Frame:
    __slots__ = ("container", "path", "pending_key", "is_map", "anchor", "start_count")

    def __init__(self, container, path, is_map, anchor, start_count):
        self.container = container
        self.path = path
        self.is_map = is_map
        self.pending_key = None
        self.anchor = anchor
        self.start_count = start_count


def parse_tree(text: str, file: str, limits: Limits = DEFAULT_LIMITS, _parser_class=None):
    """Parse one document; return ``(value, SourceMap)`` or raise TreeError."""
    source_map = SourceMap(file)
    anchors: dict[str, tuple[object, int]] = {}  # anchor -> (value, node count)
    stack: list[_Frame] = []
    root = _NOTHING = object()
    documents = 0
    count = 0

    def place(value, path_key, start_mark, end_mark_key=None):
        """Attach ``value`` to the open container (or make it the root)."""
        nonlocal root
        if not stack:
            root = value
            source_map.values[()] = _mark(start_mark)
            return ()
        frame = stack[-1]
        if frame.is_map:
            key, key_mark = frame.pending_key
            frame.pending_key = None
            path = frame.path + (key,)
            frame.container[key] = value
        else:
            path = frame.path + (len(frame.container),)
            frame.container.append(value)
        source_map.values[path] = _mark(start_mark)
        return path

    def take_key(event) -> bool:
        """In a mapping awaiting a key, consume ``event`` as that key."""
        frame = stack[-1] if stack else None
        if frame is None or not frame.is_map or frame.pending_key is not None:
            return False
        if not isinstance(event, yaml.ScalarEvent):
            raise _fail(file, errors.UNSUPPORTED_YAML, "mapping keys must be plain text, not lists or mappings", event.start_mark)
        if event.tag not in (None, "!", f"{_STANDARD}str") and event.tag not in _SCALAR_TAGS:
            raise _fail(file, errors.UNSUPPORTED_YAML, f"tag {event.tag!r} is not allowed in a spec", event.start_mark)
        key = event.value
        if key == "<<" and event.implicit[0]:
            raise _fail(file, errors.UNSUPPORTED_YAML, "merge keys ('<<') are not supported: write the values out", event.start_mark)
        if key in frame.container:
            first = source_map.keys.get(frame.path + (key,))
            where = f" (first at line {first[0]})" if first else ""
            raise _fail(file, errors.DUPLICATE_KEY, f"duplicate key {key!r}{where}: a spec must not lose a value", event.start_mark)
        frame.pending_key = (key, event.start_mark)
        source_map.keys[frame.path + (key,)] = _mark(event.start_mark)
        return True

    try:
        parser = (_parser_class or _Parser)(text)
        while True:
            event = parser.get_event()
            if event is None:
                break
            kind = type(event)
            if kind is yaml.StreamStartEvent or kind is yaml.DocumentEndEvent:
                continue
            if kind is yaml.StreamEndEvent:
                break
            if kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _fail(file, errors.SEVERAL_DOCUMENTS, "more than one document in this file: put each document in its own file", event.start_mark)
                continue
            if kind is yaml.ScalarEvent:
                if take_key(event):
                    continue
                count += 1
                if count > limits.max_nodes:
                    raise _fail(file, errors.TOO_COMPLEX, f"more than {limits.max_nodes} values in one document", event.start_mark)
                tag = event.tag
                if tag is None or tag == "!":
                    tag = _resolver.resolve(yaml.ScalarNode, event.value, event.implicit)
                if tag == f"{_STANDARD}str" and event.implicit[0] and _JSON_NUMBER.match(event.value):
                    tag = f"{_STANDARD}float"
                builder = _SCALAR_BUILDERS.get(tag)
                if builder is None:
                    raise _fail(file, errors.UNSUPPORTED_YAML, f"tag {event.tag!r} is not allowed in a spec", event.start_mark)
                value = builder(yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style))
                place(value, None, event.start_mark)
                if event.anchor:
                    anchors[event.anchor] = (value, 1)
                continue
            if kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                if take_key(event):
                    continue
                is_map = kind is yaml.MappingStartEvent
                expected = _MAP_TAG if is_map else _SEQ_TAG
                if event.tag not in (None, "!", expected):
                    raise _fail(file, errors.UNSUPPORTED_YAML, f"tag {event.tag!r} is not allowed in a spec", event.start_mark)
                if len(stack) >= limits.max_depth:
                    raise _fail(file, errors.TOO_COMPLEX, f"nested deeper than {limits.max_depth} levels", event.start_mark)
                count += 1
                if count > limits.max_nodes:
                    raise _fail(file, errors.TOO_COMPLEX, f"more than {limits.max_nodes} values in one document", event.start_mark)
                container = {} if is_map else []
                path = place(container, None, event.start_mark)
                stack.append(_Frame(container, path, is_map, event.anchor, count))
                continue
            if kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                frame = stack.pop()
                if frame.anchor:
                    anchors[frame.anchor] = (frame.container, count - frame.start_count + 1)
                continue
            if kind is yaml.AliasEvent:
                if take_key(event):
                    continue
                if event.anchor not in anchors:
                    raise _fail(file, errors.SYNTAX, f"unknown alias {event.anchor!r}", event.start_mark)
                value, size = anchors[event.anchor]
                count += size
                if count > limits.max_nodes:
                    raise _fail(file, errors.TOO_COMPLEX, f"aliases expand to more than {limits.max_nodes} values", event.start_mark)
                place(value, None, event.start_mark)
                continue
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
