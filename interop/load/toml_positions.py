"""Positions for TOML: a ``SourceMap`` built by scanning the text.

``tomllib`` gives values but no line numbers. Project configuration must
point at the line of a bad value like spec files do, so this module walks
the TOML text once more (after ``tomllib`` has accepted it, so the text is
known to be well-formed) and records where every table, key and value
starts: ``[tables]``, ``[[arrays of tables]]`` (each element gets its index),
dotted and quoted keys, and the elements of arrays and inline tables. Values
themselves are not interpreted; ``tomllib`` remains the only parser of
meaning, so a scanning slip can cost a precise column, never a wrong value.

The scan always ends: every step moves forward, the steps are bounded by the
text's length, and nesting deeper than ``MAX_SCAN_DEPTH`` stops the scan
(the map then holds what was found so far), as does a dotted key or table
header of more than ``MAX_SCAN_DEPTH`` parts (its first parts are placed). :func:`too_deep` finds, without
recursion, where arrays and inline tables nest deeper than a limit, so a
caller can refuse such text before handing it to the recursive ``tomllib``.
"""

from __future__ import annotations

import bisect
import re

from interop.load.tree import SourceMap

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_VALUE_END = frozenset(",]}\n#")
MAX_SCAN_DEPTH = 200
"""Deeper nesting ends the scan: well below Python's recursion limit."""


_ESCAPE = re.compile(r"\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)", re.DOTALL)
_ESCAPED = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\"}


def _unescape(match: re.Match) -> str:
    """A basic string's escape as the character it stands for (keys are compared with tomllib's)."""
    escape = match[1]
    if escape[0] in "uU" and len(escape) > 1:
        code = int(escape[1:], 16)
        return chr(code) if code <= 0x10FFFF else ""
    return _ESCAPED.get(escape, escape)


class _Stuck(Exception):
    """The scan cannot go on (too deep, or out of steps): keep what was found."""


def string_end(text: str, at: int) -> int:
    """The offset just past the TOML string that starts at ``text[at]`` (a quote).

    Basic strings (``"``, ``\"\"\"``) honour backslash escapes; literal strings
    (``'``, ``'''``) have none. A multi-line string's closing delimiter may be
    followed by up to two more quotes that belong to its content. An
    unterminated string runs to the end of the text (or of the line).
    """
    quote = text[at]
    escapes = quote == '"'
    if text.startswith(quote * 3, at):
        index = at + 3
        while index < len(text):
            if escapes and text[index] == "\\":
                index += 2
            elif text.startswith(quote * 3, index):
                end = index + 3
                extra = 0
                while extra < 2 and end < len(text) and text[end] == quote:
                    end += 1
                    extra += 1
                return end
            else:
                index += 1
        return len(text)
    index = at + 1
    while index < len(text) and text[index] not in (quote, "\n"):
        index += 2 if escapes and text[index] == "\\" else 1
    return min(index + 1, len(text))


def too_deep(text: str, limit: int) -> int | None:
    """The offset of the first ``[`` or ``{`` nested more than ``limit`` deep, or None.

    Brackets inside strings and comments do not count; a table header counts
    for the line it is on. Linear in the text, no recursion.
    """
    depth, index = 0, 0
    while index < len(text):
        char = text[index]
        if char == "#":
            end = text.find("\n", index)
            index = len(text) if end < 0 else end
            continue
        if char in "\"'":
            index = string_end(text, index)
            continue
        if char in "[{":
            depth += 1
            if depth > limit:
                return index
        elif char in "]}":
            depth = max(depth - 1, 0)
        index += 1
    return None


class _Scanner:
    def __init__(self, text: str, source_map: SourceMap, root: tuple):
        self.text = text
        self.at = 0
        self.map = source_map
        self.root = root
        self.line_starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
        self.array_counts: dict[tuple, int] = {}
        # Every loop below ticks once per step and moves forward; the bound
        # turns a scanning slip into a less precise map, never a hang.
        self.steps_left = 8 * len(text) + 64

    # ---------------------------------------------------------------- helpers

    def tick(self) -> None:
        self.steps_left -= 1
        if self.steps_left < 0:
            raise _Stuck()

    def mark(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1

    def record(self, table: dict, path: tuple, offset: int) -> None:
        if path[: len(self.root)] != self.root:
            return
        relative = path[len(self.root) :]
        table.setdefault(relative, self.mark(offset))

    def record_header(self, path: tuple, offset: int) -> None:
        """A header places its table and every table above it that it creates (``[a.b]`` makes ``a``)."""
        for end in range(1, len(path) + 1):
            self.record(self.map.keys, path[:end], offset)
            self.record(self.map.values, path[:end], offset)

    @staticmethod
    def bounded(parts: list[str]) -> tuple[list[str], bool]:
        """A key path cut to ``MAX_SCAN_DEPTH`` parts, and whether it was longer.

        A dotted key or header of thousands of parts nests as deep as brackets
        do; placing every prefix of it would take time quadratic in its length.
        Its first parts are placed (a caller refusing it points there), then
        the scan stops, as it does for brackets.
        """
        return parts[:MAX_SCAN_DEPTH], len(parts) > MAX_SCAN_DEPTH

    def peek(self, ahead: int = 0) -> str:
        index = self.at + ahead
        return self.text[index] if index < len(self.text) else ""

    def skip_blank(self, newlines: bool) -> None:
        while self.at < len(self.text):
            self.tick()
            char = self.text[self.at]
            if char == "#":
                end = self.text.find("\n", self.at)
                self.at = len(self.text) if end < 0 else end
            elif char in " \t\r" or (newlines and char == "\n"):
                self.at += 1
            else:
                return

    def skip_to(self, closing: str) -> None:
        """Just past ``closing`` (``]`` or ``]]``) of a table header, or to the line's end."""
        end = self.text.find(closing, self.at)
        line_end = self.text.find("\n", self.at)
        if end < 0 or (0 <= line_end < end):
            self.at = len(self.text) if line_end < 0 else line_end
        else:
            self.at = end + len(closing)

    def resolve(self, parts: list[str]) -> tuple:
        """A header's key path, stepping into the latest element of arrays of tables."""
        path: tuple = ()
        for part in parts:
            path += (part,)
            if path in self.array_counts:
                path += (self.array_counts[path] - 1,)
        return path

    # ---------------------------------------------------------------- grammar

    def document(self) -> None:
        table: tuple = ()
        while True:
            self.tick()
            self.skip_blank(newlines=True)
            if self.at >= len(self.text):
                return
            start = self.at
            if self.text.startswith("[[", self.at):
                self.at += 2
                parts, deeper = self.bounded(self.keys())
                self.skip_to("]]")
                array = self.resolve(parts[:-1]) + (parts[-1],)
                index = self.array_counts.get(array, 0)
                self.array_counts[array] = index + 1
                self.record_header(array, start)
                table = array + (index,)
                self.record(self.map.values, table, start)
                if deeper:
                    raise _Stuck()
            elif self.peek() == "[":
                self.at += 1
                parts, deeper = self.bounded(self.keys())
                self.skip_to("]")
                table = self.resolve(parts)
                self.record_header(table, start)
                if deeper:
                    raise _Stuck()
            else:
                self.pair(table, 0)
            if self.at == start:
                self.at += 1  # not what well-formed TOML holds here: step over it

    def pair(self, table: tuple, depth: int) -> None:
        key_start = self.at
        parts, deeper = self.bounded(self.keys())
        path = table
        for part in parts:
            path += (part,)
            self.record(self.map.keys, path, key_start)
        if deeper:
            raise _Stuck()
        self.skip_blank(newlines=False)
        if self.peek() == "=":
            self.at += 1
        self.skip_blank(newlines=False)
        self.value(path, depth)

    def keys(self) -> list[str]:
        parts = []
        while True:
            self.tick()
            self.skip_blank(newlines=False)
            char = self.peek()
            if char in ('"', "'"):
                parts.append(self.string_value())
            else:
                match = _BARE_KEY.match(self.text, self.at)
                if match is None:
                    return parts or [""]
                parts.append(match.group())
                self.at = match.end()
            self.skip_blank(newlines=False)
            if self.peek() != ".":
                return parts
            self.at += 1

    def value(self, path: tuple, depth: int) -> None:
        if depth > MAX_SCAN_DEPTH:
            raise _Stuck()
        self.record(self.map.values, path, self.at)
        char = self.peek()
        if char in ("[", "{"):
            closing, newlines = ("]", True) if char == "[" else ("}", False)
            self.at += 1
            index = 0
            while True:
                self.tick()
                self.skip_blank(newlines=newlines)
                if self.peek() in (closing, ""):
                    self.at += 1
                    return
                before = self.at
                if char == "[":
                    self.value(path + (index,), depth + 1)
                    index += 1
                else:
                    self.pair(path, depth + 1)
                self.skip_blank(newlines=newlines)
                if self.peek() == ",":
                    self.at += 1
                elif self.at == before:
                    self.at += 1  # a character no value starts with: step over it
        elif char in ('"', "'"):
            self.string_value()
        else:
            while self.at < len(self.text) and self.text[self.at] not in _VALUE_END:
                self.at += 1

    def string_value(self) -> str:
        start = self.at
        self.at = string_end(self.text, start)
        quote = self.text[start]
        quotes = 3 if self.text.startswith(quote * 3, start) else 1
        content = self.text[start + quotes : max(start + quotes, self.at - quotes)]
        return _ESCAPE.sub(_unescape, content) if quote == '"' else content


def toml_source_map(text: str, file: str, root: tuple = ()) -> SourceMap:
    """Where each key and value of well-formed TOML ``text`` stands.

    ``root`` keeps only the part under that table (``("tool", "interop")`` in
    a ``pyproject.toml``), with paths relative to it. Positions are those of
    the first character of a key or value; a value written as a table header
    (``[rules.XFER001]``, ``[[waivers]]``) is placed at its header.
    """
    source_map = SourceMap(file)
    scanner = _Scanner(text, source_map, tuple(root))
    try:
        scanner.document()
    except _Stuck:
        pass
    source_map.values.setdefault((), (1, 1))
    return source_map
