"""Test-session settings.

The command line keeps compiled validators in a cache folder
(interop.load.compiled); tests, and the commands they start, use one of their
own, never the user's.
"""

from __future__ import annotations

import os
import shutil
import tempfile

_cache = tempfile.mkdtemp(prefix="interop-test-cache-")


def pytest_configure(config):
    os.environ["INTEROP_CACHE_DIR"] = _cache
    os.environ.pop("INTEROP_NO_CACHE", None)


def pytest_unconfigure(config):
    shutil.rmtree(_cache, ignore_errors=True)
