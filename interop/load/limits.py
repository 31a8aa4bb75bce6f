"""Bounds that keep hostile input from costing time or memory."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """Documented defaults; each can be raised for genuine large specs."""

    max_file_bytes: int = 2 * 1024 * 1024
    """Files larger than this are refused before they are read (SPEC031)."""

    max_nodes: int = 50_000
    """Values in one document, counting every alias expansion (SPEC032)."""

    max_depth: int = 64
    """Nesting depth of mappings and lists in one document (SPEC032)."""

    max_files: int = 100_000
    """Files read from one set of paths before giving up."""

    max_folders: int = 100_000
    """Folders walked under one path before giving up (SPEC031): a walk costs work even where no spec file is."""


DEFAULT_LIMITS = Limits()
