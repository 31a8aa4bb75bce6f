"""Settings every test shares."""

from __future__ import annotations

import os
import tempfile

# interop validate keeps its answers in the user's cache folder
# (interop.load.cache). The suite keeps them in a folder of its own, made
# private as the cache requires, so that it never writes to the home folder
# of whoever runs it and each run starts from an empty cache; subprocesses
# inherit the variable.
if "INTEROP_CACHE_DIR" not in os.environ:
    os.environ["INTEROP_CACHE_DIR"] = os.path.join(tempfile.mkdtemp(prefix="interop-test-cache-"), "cache")


def pytest_configure(config) -> None:
    """Compile the package's bytecode once, before any worker starts.

    Most tests run ``python -m interop`` in a child process: well over a
    thousand cold starts per run. Where ``PYTHONDONTWRITEBYTECODE`` is set
    (as on the machines the suite is timed on) no child ever writes a
    ``.pyc``, so every one of them compiles the whole CLI from source again:
    about 0.1 s of CPU each, a third of a start. Writing them here, into the
    package's own ``__pycache__`` folders (what Python does by default, and
    ignored by git), lets every child load them; compileall rewrites only
    what changed since, so it costs nothing after the first run.
    """
    if hasattr(config, "workerinput"):  # an xdist worker: the controller did it
        return
    import compileall
    from pathlib import Path

    compileall.compile_dir(Path(__file__).resolve().parent.parent / "interop", quiet=1, workers=1)


def pytest_collection_modifyitems(config, items) -> None:
    """Tests of an ``xdist_group`` first, in their order, then the rest.

    A group (the pre-commit hooks, the installed wheel) runs on one worker
    as one unit of work, and is the longest unit; scheduled late it would be
    the tail of the run while the other worker idles. Handed out first, the
    many short tests fill in beside it. Only the order changes.
    """
    grouped = [item for item in items if item.get_closest_marker("xdist_group")]
    if grouped:
        rest = [item for item in items if not item.get_closest_marker("xdist_group")]
        items[:] = grouped + rest
