"""How text from spec files and file names is made safe for each kind of output.

Names, messages quoting input and paths are free text: a file name can hold an
escape sequence that recolours a terminal, a newline followed by ``::error``
that a CI runner reads as a workflow command, a right-to-left override that
makes a line read differently from what it says, or bytes that are not UTF-8.
Every reporter names the one helper below that fits its output, and the
helper is applied to every string of the result before the reporter lays it
out (:meth:`interop.report.base.Reporter._report`), never here and there.
"""

from __future__ import annotations

import re

# C0 and C1 controls (newlines included: a value never starts a line), the
# bidirectional marks, embeddings, overrides and isolates, the Unicode line
# and paragraph separators, lone surrogates (a file name that is not UTF-8,
# as os.fsdecode gives it) and the two noncharacters XML 1.0 forbids.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]")
_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _shown(match: re.Match) -> str:
    char = match.group()
    if char in _SHORT:
        return _SHORT[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def controls(text: str) -> str:
    """Control, bidirectional and unencodable characters as visible escapes (``\\x1b``, ``\\u202e``).

    For outputs whose own layer escapes the rest: HTML and JUnit XML (after
    this, every character left is one XML 1.0 allows).
    """
    return _UNSAFE.sub(_shown, text) if _UNSAFE.search(text) else text


def plain(text: str) -> str:
    """Text and terminal reports: :func:`controls`, and a value that starts with ``:`` starts with ``\\x3a``.

    A report line may begin with a value (validate's ``path:line:col``); it
    must never begin with ``::``, which a CI runner reads as a command.
    """
    text = controls(text)
    return "\\x3a" + text[1:] if text.startswith(":") else text


_MARKDOWN = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "&#124;", "#": "&#35;"}
_MARKDOWN_SPECIAL = re.compile("[&<>|#]")


def markdown(text: str) -> str:
    """Markdown: :func:`controls`, and HTML, headings and table separators as character references.

    References rather than backslashes, because they survive being quoted
    again (an edit's old value is shown as JSON) and hold in table cells.
    """
    text = _MARKDOWN_SPECIAL.sub(lambda m: _MARKDOWN[m.group()], controls(text))
    return "&#58;" + text[1:] if text.startswith(":") else text


_GITHUB_KEPT = re.compile(
    "[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)


def github(text: str) -> str:
    """GitHub workflow commands: as :func:`controls`, but newlines are left for the command's ``%0A``."""
    return _GITHUB_KEPT.sub(_shown, text) if _GITHUB_KEPT.search(text) else text


_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]")


def json_text(text: str) -> str:
    """A JSON document whose strings hold raw C1 controls, bidirectional marks or lone surrogates, with those as ``\\uXXXX``.

    json.dumps escapes C0 controls itself; outside strings a JSON document is
    ASCII, so each character replaced is inside a string and reads back the same.
    """
    if text.isascii() and "\x7f" not in text:  # isascii reads a flag; one byte is found faster than the pattern
        return text
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) if _JSON_UNSAFE.search(text) else text


def encodes_as_utf8(text: str) -> bool:
    """Whether ``text`` holds no lone surrogate, the one thing UTF-8 cannot encode."""
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def printable(text: str) -> str:
    """A report that any UTF-8 stream can take: a lone surrogate left anywhere becomes ``\\udcxx``."""
    if encodes_as_utf8(text):
        return text
    return text.encode("utf-8", "backslashreplace").decode("utf-8")
