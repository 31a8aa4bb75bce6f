"""Bounded searches: work counted, not seconds, from 10 to 1,000 items.

Each search is measured by what it counts (steps tried, port pairs checked,
systems looked up), so these hold on any machine: the work grows at most
linearly with the catalog, or stops at the documented bound and says so in
the result (``search_bound``, ``bounds_hit`` in the JSON report). And through
the real command line, a catalog of a thousand adapters or ports is a normal
report (exit 1 for a failing rescue) within the hostile limits.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from interop.engine import mating
from interop.engine.mating import MateCache, plan_mating
from interop.engine.world import World
from interop.load import load_catalog
from interop.load.catalog import Catalog
from interop.model.documents import TransportSystem
from interop.model.vocabulary import Regime
from tests import hostile_harness
from tests.hostile_harness import run
from tests.spec_builders import element, interface, port, system, vehicle, write

outside = hostile_harness.outside
tmpdir_clean = hostile_harness.tmpdir_clean
SEATS = {"total": 4, "nominal_crew": 2}
SIZES = [10, 100, 1000]


def adapter_catalog(folder: Path, count: int) -> Path:
    """Adapters that chain with each other but never reach the station: the search sees everything."""
    documents = [interface(name) for name in ("a-ring", "b-ring", "c-ring")]
    documents.append(vehicle("capsule", [port("nose", "a-ring", "active")], regimes=["leo"], seats=SEATS))
    documents.append(
        vehicle("station", [port("fwd", "c-ring", "passive")], vehicle_type="station", regimes=["leo"], seats=SEATS)
    )
    elements = [element("station", role="station")]
    for index in range(count):
        ports = [port("p1", "a-ring", "passive"), port("p2", "a-ring", "active"), port("p3", "b-ring", "active")]
        documents.append(vehicle(f"ad{index}", ports, vehicle_type="adapter", regimes=["leo"]))
        elements.append(element(f"ad{index}", role="adapter"))
    documents += [system("east", [element("capsule")]), system("west", elements)]
    return write(folder, *documents)


def port_catalog(folder: Path, count: int) -> Path:
    """A capsule and a station with ``count`` ports each, no two of which mate."""
    documents = [interface(f"i{index}") for index in range(2 * count)]
    documents.append(
        vehicle("capsule", [port(f"c{i}", f"i{i}", "active") for i in range(count)], regimes=["leo"], seats=SEATS)
    )
    station_ports = [port(f"s{i}", f"i{count + i}", "passive") for i in range(count)]
    documents.append(vehicle("station", station_ports, vehicle_type="station", regimes=["leo"], seats=SEATS))
    documents += [system("east", [element("capsule")]), system("west", [element("station", role="station")])]
    return write(folder, *documents)


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    """``written(kind, count)``: the folder of that catalog, written once per module and worker.

    A thousand ports are two thousand files (about 1.5 s to write); the bound
    tests and the command-line tests read the same catalogs, never change them.
    """
    folders: dict[tuple[str, int], Path] = {}

    def get(kind: str, count: int) -> Path:
        if (kind, count) not in folders:
            make = adapter_catalog if kind == "adapters" else port_catalog
            folders[kind, count] = make(tmp_path_factory.mktemp(f"{kind}{count}"), count)
        return folders[kind, count]

    return get


def search(folder: Path, counting: bool = False):
    catalog = load_catalog([folder]).catalog
    world = World.build(catalog, ["east", "west"])
    mate = MateCache(world)
    calls = [0]
    if counting:
        real = mate.__call__

        class Counting(MateCache):
            def __call__(self, a, b):
                calls[0] += 1
                return real(a, b)

        mate.__class__ = Counting
    plan = plan_mating(world, mate, world.vehicle("capsule"), world.vehicle("station"), Regime("leo"))
    return plan, mate, calls[0]


def test_adapter_chain_work_is_linear_then_stops_at_its_bound(written):
    work = {}
    for count in SIZES:
        plan, mate, _calls = search(written("adapters", count))
        assert plan.mode.value in ("none", "eva")
        work[count] = (mate.work, mate.bound_hit("capsule"))
    # Below the bound, equivalent states are merged: work follows the number of chains kept.
    assert work[10][1] == ""
    # At a thousand adapters the bound stops the search, and says which bound.
    assert work[1000][1].startswith("adapter chains: stopped")
    ceiling = mating.MAX_ADAPTERS * (mating.MAX_SEARCH_STEPS + 1)
    assert all(steps <= ceiling for steps, _bound in work.values()), work


def test_equivalent_adapter_states_are_merged(tmp_path):
    """Two identical adapters give two chains per depth, not a product of labels."""
    plan, mate, _calls = search(adapter_catalog(tmp_path / "two", 2))
    layers = next(iter(mate.frontiers["capsule"].values()))
    keys = [
        {(s.exposed.vehicle.id, s.exposed.index, frozenset(s.used), s.worst) for s in layer.states} for layer in layers
    ]
    assert all(len(k) == len(layer.states) for k, layer in zip(keys, layers, strict=True))


def test_direct_pairs_and_near_misses_are_bounded_for_thousands_of_ports(written):
    calls = {}
    for count in SIZES:
        plan, mate, checked = search(written("ports", count), counting=True)
        calls[count] = checked
        assert plan.near_misses, "the report still says why"
        if count * count > mating.MAX_NEAR_MISS_PAIRS:
            assert mate.bound_hit("capsule"), count
    bound = mating.MAX_SEARCH_PAIRS + mating.MAX_NEAR_MISS_PAIRS
    assert calls[10] <= 2 * 10 * 10
    assert calls[1000] <= bound * 2, calls


class CountingSystems(dict):
    """A catalog's systems, counting every lookup the cycle search makes."""

    lookups = 0

    def __getitem__(self, key):
        CountingSystems.lookups += 1
        return super().__getitem__(key)

    def __contains__(self, key):
        CountingSystems.lookups += 1
        return super().__contains__(key)


@pytest.mark.parametrize("shape", ["chain", "diamonds", "ring"])
def test_inclusion_cycle_search_is_linear_and_iterative(tmp_path, shape):
    from interop.load.catalog import _inclusion_cycles

    per_system = {}
    for count in SIZES + [10_000]:
        documents = []
        for index in range(count):
            if shape == "chain":  # 10,000 deep: no recursion limit
                includes = [f"s{index + 1}"] if index + 1 < count else []
            elif shape == "diamonds":  # each includes the next two: exponential to enumerate paths
                includes = [f"s{j}" for j in (index + 1, index + 2) if j < count]
            else:  # one ring through everything
                includes = [f"s{(index + 1) % count}"]
            documents.append(system(f"s{index}", [element("capsule")], includes=includes))
        catalog = Catalog()
        catalog.systems = CountingSystems(
            {document["id"]: TransportSystem.model_validate(document) for document in documents}
        )
        CountingSystems.lookups = 0
        found = list(_inclusion_cycles(catalog))
        per_system[count] = CountingSystems.lookups / count
        assert len(found) == (1 if shape == "ring" else 0)
    assert max(per_system.values()) <= 8, per_system


@pytest.mark.parametrize("kind", ["adapters", "ports"])
def test_a_thousand_items_through_the_command_line_is_a_normal_report(tmp_path, tmpdir_clean, outside, written, kind):
    folder = written(kind, 1000)
    result = run("--no-config", "check", "east", "west", "-s", folder, "-f", "json", cwd=tmp_path, tmpdir=tmpdir_clean)
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert "stopped" in result.stdout or "described" in result.stdout
    assert report
    text = run("--no-config", "check", "east", "west", "-s", folder, cwd=tmp_path, tmpdir=tmpdir_clean)
    assert text.returncode == 1 and "bound hit: " in text.stdout
