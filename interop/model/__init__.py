"""Pydantic models of spec documents, vocabularies, units and findings."""

from interop.model.base import Document, Estimate, Measured, Source
from interop.model.documents import (
    DOCUMENT_KINDS,
    DockingInterface,
    RescueScenario,
    TransportSystem,
    Vehicle,
)
from interop.model.finding import Finding, Position, Severity, Verdict

__all__ = [
    "DOCUMENT_KINDS", "Document", "DockingInterface", "Estimate", "Finding", "Measured",
    "Position", "RescueScenario", "Severity", "Source", "TransportSystem", "Vehicle", "Verdict",
]
