"""The rule engine: mating paths, rescue stages, verdicts between systems."""

from interop.engine.eras import nation_fleets
from interop.engine.rescue import EngineOptions, Evaluator
from interop.engine.results import (
    Coverage,
    DirectionResult,
    MatrixResult,
    RescueResult,
    Row,
    ScenarioResult,
    StageResult,
    SystemResult,
    SystemVerdict,
)
from interop.engine.systems import (
    UnknownId,
    check_matrix,
    check_systems,
    check_vehicles,
    places_for,
    run_scenario,
)

__all__ = [
    "Coverage",
    "DirectionResult",
    "EngineOptions",
    "Evaluator",
    "MatrixResult",
    "RescueResult",
    "Row",
    "ScenarioResult",
    "StageResult",
    "SystemResult",
    "SystemVerdict",
    "UnknownId",
    "check_matrix",
    "check_systems",
    "check_vehicles",
    "nation_fleets",
    "places_for",
    "run_scenario",
]
