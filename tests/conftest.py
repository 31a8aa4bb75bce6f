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
