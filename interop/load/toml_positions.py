"""Positions for TOML: a ``SourceMap`` built by scanning the text.

``tomllib`` gives values but no line numbers. Project configuration must
point at the line of a bad value like spec files do, so this module walks
the TOML text once more (after ``tomllib`` has accepted it, so the text is
known to be well-formed) and records where every table, key and value
starts: ``[tables]``, ``[[arrays of tables]]`` (each element gets its index),
dotted and quoted keys, and the elements of arrays and inline tables. Values
themselves are not interpreted; ``tomllib`` remains the only parser of
meaning, so a scanning slip can cost a precise column, never a wrong value.
"""

from __future__ import annotations

import bisect
import re

from interop.load.tree import SourceMap

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_VALUE_END = set(",]}\n#")


class _Scanner:
    def __init__(self, text: str, source_map: SourceMap, root: tuple):
        self.text = text
        self.at = 0
        self.map = source_map
        self.root = root
        self.line_starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
        self.array_counts: dict[tuple, int] = {}

    # ---------------------------------------------------------------- helpers

    def mark(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1

    def record(self, table: dict, path: tuple, offset: int) -> None:
        if path[: len(self.root)] != self.root:
            return
        relative = path[len(self.root) :]
        table.setdefault(relative, self.mark(offset))

    def peek(self, ahead: int = 0) -> str:
        index = self.at + ahead
        return self.text[index] if index < len(self.text) else ""

    def skip_blank(self, newlines: bool) -> None:
        while self.at < len(self.text):
            char = self.text[self.at]
            if char == "#":
                end = self.text.find("\n", self.at)
                self.at = len(self.text) if end < 0 else end
            elif char in " \t\r" or (newlines and char == "\n"):
                self.at += 1
            else:
                return

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
            self.skip_blank(newlines=True)
            if self.at >= len(self.text):
                return
            start = self.at
            if self.text.startswith("[[", self.at):
                self.at += 2
                parts = self.keys()
                self.at = self.text.index("]]", self.at) + 2
                array = self.resolve(parts[:-1]) + (parts[-1],)
                index = self.array_counts.get(array, 0)
                self.array_counts[array] = index + 1
                self.record(self.map.values, array, start)
                self.record(self.map.keys, array, start)
                table = array + (index,)
                self.record(self.map.values, table, start)
            elif self.peek() == "[":
                self.at += 1
                parts = self.keys()
                self.at = self.text.index("]", self.at) + 1
                table = self.resolve(parts)
                self.record(self.map.keys, table, start)
                self.record(self.map.values, table, start)
            else:
                self.pair(table)

    def pair(self, table: tuple) -> None:
        key_start = self.at
        parts = self.keys()
        path = table
        for part in parts:
            path += (part,)
            self.record(self.map.keys, path, key_start)
        self.skip_blank(newlines=False)
        if self.peek() == "=":
            self.at += 1
        self.skip_blank(newlines=False)
        self.value(path)

    def keys(self) -> list[str]:
        parts = []
        while True:
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

    def value(self, path: tuple) -> None:
        self.record(self.map.values, path, self.at)
        char = self.peek()
        if char == "[":
            self.at += 1
            index = 0
            while True:
                self.skip_blank(newlines=True)
                if self.peek() in ("]", ""):
                    self.at += 1
                    return
                self.value(path + (index,))
                index += 1
                self.skip_blank(newlines=True)
                if self.peek() == ",":
                    self.at += 1
        elif char == "{":
            self.at += 1
            while True:
                self.skip_blank(newlines=False)
                if self.peek() in ("}", ""):
                    self.at += 1
                    return
                self.pair(path)
                self.skip_blank(newlines=False)
                if self.peek() == ",":
                    self.at += 1
        elif char in ('"', "'"):
            self.string_value()
        else:
            while self.at < len(self.text) and self.text[self.at] not in _VALUE_END:
                self.at += 1

    def string_value(self) -> str:
        quote = self.peek()
        if self.text.startswith(quote * 3, self.at):
            end = self.text.index(quote * 3, self.at + 3)
            while self.text.startswith(quote, end + 3):  # up to two quotes may close the content
                end += 1
            content = self.text[self.at + 3 : end]
            self.at = end + 3
            return content
        index = self.at + 1
        while index < len(self.text) and self.text[index] != quote:
            index += 2 if quote == '"' and self.text[index] == "\\" else 1
        content = self.text[self.at + 1 : index]
        self.at = index + 1
        return content  # escapes in keys are kept as written: good enough to find a line


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
    except (ValueError, IndexError):  # pragma: no cover - tomllib accepted the text first
        pass
    source_map.values.setdefault((), (1, 1))
    return source_map
