"""interop: can two nations' crewed transport systems rescue each other's crews?

The library API (the command line is one user of it)::

    import interop
    result = interop.load_catalog("specs")            # LoadResult: catalog + findings
    report = interop.check_systems(result.catalog, "us-artemis", "ru-lunar")
    report.verdict                                    # SystemVerdict.MUTUAL, ...

Names are imported lazily so that ``import interop`` stays cheap.
"""

from __future__ import annotations

__version__ = "0.1.0"

from interop.lazy import lazy_exports

_EXPORTS = {
    "load_catalog": "interop.load",
    "load_file": "interop.load",
    "Catalog": "interop.load",
    "LoadResult": "interop.load",
    "Limits": "interop.load",
    "Unreadable": "interop.load",
    "check_systems": "interop.engine",
    "check_vehicles": "interop.engine",
    "check_matrix": "interop.engine",
    "nation_fleets": "interop.engine",
    "run_scenario": "interop.engine",
    "places_for": "interop.engine",
    "transfer": "interop.engine.transfers",
    "route": "interop.engine.transfers",
    "reach": "interop.engine.transfers",
    "EngineOptions": "interop.engine",
    "UnknownId": "interop.engine",
    "SystemResult": "interop.engine",
    "RescueResult": "interop.engine",
    "ScenarioResult": "interop.engine",
    "MatrixResult": "interop.engine",
    "SystemVerdict": "interop.engine",
    "registry": "interop.rules.base",
    "renderer_for": "interop.report",
    "Finding": "interop.model",
    "Position": "interop.model",
    "Verdict": "interop.model",
    "Severity": "interop.model",
}


__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
