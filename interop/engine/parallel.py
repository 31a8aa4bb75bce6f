"""Independent pieces of the engine's work run on several cores.

A matrix is many rows that do not depend on each other: each crew at each
place, against every rescuer of the other system. They are cut into pieces
(a direction and a run of its crews), the pieces run in worker processes,
and the results come back in the order of the pieces, so that a report is
byte for byte the one a single process gives.

Workers are forked: each starts with the parent's catalog, world and
evaluator already built, and only the results travel back (pickled). Where
processes cannot be forked (Windows, macOS's default), or where the work is
too small to pay for the processes (``MIN_EVALUATIONS``), the pieces run
here, one after another. This is deliberately no scheduler of our own: the
standard library's process pool, over pieces whose count the caller
decides; larger deployments would put the same pieces on an existing
distributed engine (docs/scale.md).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

MIN_EVALUATIONS = 4_000
"""Below this many rescue evaluations, one process does the work: forking
workers and sending results back costs more than the work (measured:
docs/performance.md)."""

PIECES_PER_JOB = 4
"""Pieces per worker, so that one slow piece does not leave the others idle."""

_STATE: Any = None
_WORK: Callable[[Any, Any], Any] | None = None


def available_cores() -> int:
    """The CPUs this process may run on."""
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except AttributeError:  # not on Linux
        return max(os.cpu_count() or 1, 1)


def jobs_for(requested: int | None, evaluations: int) -> int:
    """How many processes to use: ``requested`` (None: every core), 1 for work too small to share."""
    jobs = available_cores() if requested is None else requested
    if jobs < 1:
        raise ValueError(f"--jobs takes a whole number of at least 1, not {jobs}")
    if evaluations < MIN_EVALUATIONS or not _can_fork():
        return 1
    return jobs


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def _run_piece(piece: Any) -> Any:
    assert _WORK is not None  # set in the parent before the workers were forked
    return _WORK(_STATE, piece)


def run_pieces(work: Callable[[Any, Any], Any], state: Any, pieces: Sequence[Any], jobs: int) -> list[Any]:
    """``[work(state, piece) for piece in pieces]``, on ``jobs`` processes; results in the pieces' order."""
    global _STATE, _WORK
    if jobs <= 1 or len(pieces) <= 1:
        return [work(state, piece) for piece in pieces]
    _STATE, _WORK = state, work
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=min(jobs, len(pieces)), mp_context=context) as pool:
            return list(pool.map(_run_piece, pieces))
    finally:
        _STATE, _WORK = None, None


def split(items: Sequence[Any], parts: int) -> list[Sequence[Any]]:
    """``items`` in at most ``parts`` consecutive runs of nearly equal length, none empty (none for no items)."""
    if not items:
        return []
    parts = max(1, min(parts, len(items)))
    size, extra = divmod(len(items), parts)
    runs, start = [], 0
    for index in range(parts):
        end = start + size + (1 if index < extra else 0)
        runs.append(items[start:end])
        start = end
    return runs
