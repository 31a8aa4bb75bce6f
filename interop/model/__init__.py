"""Pydantic models of spec documents, vocabularies, units and findings.

Names are imported on first use, so that importing one pydantic-free module of
this package (findings, vocabularies, unit conversion) does not build the
models: commands that never read a spec stay light.
"""

from interop.lazy import lazy_exports

_EXPORTS = {
    "Document": "interop.model.base",
    "Estimate": "interop.model.base",
    "Source": "interop.model.base",
    "Measured": "interop.model.values",
    "DOCUMENT_KINDS": "interop.model.documents",
    "DockingInterface": "interop.model.documents",
    "RescueScenario": "interop.model.documents",
    "TransportSystem": "interop.model.documents",
    "Vehicle": "interop.model.documents",
    "TransferTable": "interop.model.transfers",
    "Finding": "interop.model.finding",
    "Position": "interop.model.finding",
    "Severity": "interop.model.finding",
    "Verdict": "interop.model.finding",
}

__all__ = sorted(_EXPORTS)


__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
