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


@dataclass(frozen=True)
class SearchBounds:
    """Bounds on the engine's searches, counted in work (never seconds), so a report is the
    same on every machine. A bound that is hit is named in the report (``search_bound``, a
    ``bound hit:`` line) and the exit code stays the verdict's."""

    max_adapter_steps: int = 200_000
    """Adapter steps tried per depth of the adapter-chain search (states that expose the same port through the same adapters are merged first)."""

    max_adapter_states: int = 20_000
    """Adapter-chain search states kept per depth."""

    max_port_pairs: int = 250_000
    """Pairs of port kinds checked directly per depth of the docking search."""

    max_near_miss_pairs: int = 20_000
    """Port pairs described as near misses when nothing mates (never all pairs of thousands of ports)."""


SEARCH_BOUNDS = SearchBounds()

# A project configuration file (interop.load.config) is read only up to this
# size, and refused when nested deeper (CONF002, CONF003).
MAX_CONFIG_BYTES = 1024 * 1024
MAX_CONFIG_DEPTH = 32
