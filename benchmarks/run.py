#!/usr/bin/env python3
"""Performance benchmarks for interop, measured against the tools users would otherwise use.

    python3 benchmarks/run.py                 # everything, the figures in docs/performance.md
    python3 benchmarks/run.py --only engine   # one part: validation, cold-start, engine or planner
    python3 benchmarks/run.py --profile       # also profile the largest matrix and one cold start (pyinstrument)

It runs under .venv (made as tasks.py makes it) and measures the tools as
users install them: interop (from this working tree, reinstalled every run)
and check-jsonschema are installed from wheels into .venv-bench, not used
from the editable install in .venv, whose import hook runs at every
interpreter start and would be charged to every tool alike. It generates synthetic catalogs with a fixed seed
(benchmarks/generate.py), runs every tool as a whole process on this machine,
prints a table and writes benchmarks/results/latest.json. Every ratio is taken
between figures of the same run. Not part of the test suite: timings are not
asserted anywhere; tests/test_benchmarks_smoke.py only keeps this code running.

Peak memory is the peak resident set of each measured process (``ru_maxrss``
from ``os.wait4``, so each process is measured on its own).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
MEASURED_VENV = ROOT / ".venv-bench"
VENV_BIN = MEASURED_VENV / ("Scripts" if os.name == "nt" else "bin")
SCHEMA = ROOT / "interop" / "schemas" / "vehicle.schema.json"

TARGETS = {
    "validation_vs_floor": 1.25,  # interop validate, second run, <= 1.25x parsing alone
    "validation_vs_check_jsonschema": 0.08,  # second run <= 0.08 of check-jsonschema
    "library_vs_context": 1.3,  # a folder against the bundled library <= 1.3x the same with its context given
    "cold_start_vs_check_jsonschema": 0.5,  # one file, cache warm, <= half of check-jsonschema
    "cold_start_empty_cache_vs_check_jsonschema": 0.8,  # one file, cache empty
    "engine_per_evaluation_growth": 1.3,  # largest size's time per evaluation <= 1.3x the smallest's
    "engine_us_per_evaluation_200": 150.0,  # at 200 vehicles a side
    "parallel_efficiency": 0.6,  # wall <= one core's time / (0.6 x cores)
    "planner_200_seconds": 10.0,  # interop plan at 200 a side
    "engine_largest_seconds": 10.0,  # 200 vehicles a side, whole command
    "planner_bundled_seconds": 2.0,  # interop plan us-artemis ru-lunar and interop gaps on the bundled specs
}

FLOOR_SCRIPT = """
import os, sys, yaml
folder = sys.argv[1]
for name in sorted(os.listdir(folder)):
    if name.endswith(".yaml"):
        with open(os.path.join(folder, name), "rb") as handle:
            yaml.load(handle.read(), Loader=yaml.CSafeLoader)
"""

# What any validator built on pydantic and PyYAML pays before reading a file:
# the imports, and pydantic's first validator (which loads its plugin machinery).
DEPENDENCY_FLOOR_SCRIPT = """
import yaml
from pydantic import BaseModel
class Probe(BaseModel):
    x: int
Probe(x=1)
"""

# The same, with pydantic's plugin discovery skipped as the interop command
# line skips it (interop.cli.process): the part of the floor no validator
# built on these libraries can avoid.
DEPENDENCY_FLOOR_NO_PLUGINS_SCRIPT = (
    "from interop.cli.process import skip_pydantic_plugin_discovery\nskip_pydantic_plugin_discovery()\n"
    + DEPENDENCY_FLOOR_SCRIPT
)

# Run in a fresh process per size, so each size's peak memory is its own.
ENGINE_SCRIPT = """
import json, sys, time
start = time.perf_counter()
from interop.engine import check_matrix
from interop.load import load_catalog
imported = time.perf_counter()
result = load_catalog([sys.argv[1]])
assert not result.findings, [f.format() for f in result.findings[:5]]
loaded = time.perf_counter()
# On a shared machine a busy spell slows a run by 10-20 %, whatever its
# length: repeat (three runs at least, and until argv[2] seconds have passed)
# and keep the fastest, as timeit does. Each run starts from a fresh engine.
times = []
while len(times) < 3 or sum(times) < float(sys.argv[2]):
    began = time.perf_counter()
    matrix = check_matrix(result.catalog, sys.argv[3:])
    times.append(time.perf_counter() - began)
evaluations = pairs = 0
for cell in matrix.cells.values():
    candidates = {}
    for row in cell.rows:
        evaluations += row.candidates if row.best is not None else 0
        if row.best is not None:
            candidates[row.distressed] = row.candidates
    pairs += sum(candidates.values())
print(json.dumps({"import_s": imported - start, "load_s": loaded - imported, "matrix_s": min(times), "matrix_runs": len(times),
                  "evaluations": evaluations, "pairs": pairs, "vehicles": len(result.catalog.vehicles)}))
"""


# ------------------------------------------------------------------ running


def venv_python() -> str:
    return str(VENV_BIN / ("python.exe" if os.name == "nt" else "python"))


def tool(name: str) -> str:
    return str(VENV_BIN / name)


def measure(argv: list[str], cwd: Path | None = None, ok=(0,), env: dict | None = None) -> dict:
    """Run ``argv`` as a whole process: wall seconds, peak RSS (KiB), output.

    ``env`` adds variables to this process's environment for the run."""
    environment = {**os.environ, **env} if env else None
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(argv, cwd=cwd, stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=environment)
        _pid, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(errors="replace"), err.read().decode(errors="replace")
    if process.returncode not in ok:
        raise RuntimeError(f"{' '.join(argv[:4])} ... exited {process.returncode}\n{stdout[-2000:]}\n{stderr[-2000:]}")
    # ru_maxrss is KiB on Linux, bytes on macOS.
    rss_kib = usage.ru_maxrss // 1024 if sys.platform == "darwin" else usage.ru_maxrss
    return {
        "seconds": wall,
        "cpu_seconds": usage.ru_utime + usage.ru_stime,
        "peak_rss_mib": round(rss_kib / 1024, 1),
        "stdout": stdout,
        "stderr": stderr,
    }


def repeated(argv: list[str], runs: int, cwd: Path | None = None, ok=(0,)) -> dict:
    """Median wall time over ``runs`` runs, the largest peak memory, the last output."""
    return interleaved({"command": argv}, runs, cwd, ok)["command"]


def interleaved(
    commands: dict[str, list[str]], runs: int, cwd: Path | None = None, ok=(0,), envs: dict[str, object] | None = None
) -> dict[str, dict]:
    """``repeated`` for several commands, run round-robin.

    On a shared machine the background load drifts over a minute; taking the
    commands in turn spreads that drift over all of them alike, so their ratios
    are not skewed by whichever ran during a busy spell. ``envs`` gives a
    command's added variables: a dict, or a callable made anew for each run
    (an empty cache folder per run).
    """
    results: dict[str, list[dict]] = {name: [] for name in commands}
    envs = envs or {}
    for _ in range(runs):
        for name, argv in commands.items():
            env = envs.get(name)
            results[name].append(measure(argv, cwd, ok, env() if callable(env) else env))
    return {
        name: {
            "seconds": statistics.median(r["seconds"] for r in measured),
            "min_seconds": min(r["seconds"] for r in measured),
            "runs": runs,
            "peak_rss_mib": max(r["peak_rss_mib"] for r in measured),
            "stdout": measured[-1]["stdout"],
            "stderr": measured[-1]["stderr"],
        }
        for name, measured in results.items()
    }


def _figures(result: dict) -> dict:
    return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in result.items() if k not in ("stdout", "stderr")}


def _generator():
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import generate

    return generate


# --------------------------------------------------------------- benchmarks


def real_corpus(root: Path, count: int) -> list[Path]:
    """``count`` copies of the bundled vehicle specs, each with an id of its own, in ``root``/vehicles.

    Real files, comments, sources and all, not generated light ones: what a
    user's repository holds. Their references resolve against the bundled
    interfaces and vehicles (the context).
    """
    folder = root / "vehicles"
    folder.mkdir(parents=True, exist_ok=True)
    originals = sorted((ROOT / "specs" / "vehicles").glob("*.yaml"))
    paths = []
    for index in range(count):
        original = originals[index % len(originals)]
        suffix = f"-copy-{index:04d}"
        text, found = re.subn(r"(?m)^(id: \S+)$", rf"\g<1>{suffix}", original.read_text(), count=1)
        if found != 1:
            raise RuntimeError(f"{original} has no top-level id line")
        path = folder / f"{original.stem}-copy-{index:04d}.yaml"
        path.write_text(text)
        paths.append(path)
    return paths


def _fresh_cache(work: Path):
    """Variables naming an empty cache folder of its own, new at each call."""
    return lambda: {"INTEROP_CACHE_DIR": tempfile.mkdtemp(prefix="cache-", dir=work)}


def bench_validation(work: Path, files: int = 1000, runs: int = 3) -> dict:
    """interop validate on ``files`` real spec files, a second run (cache warm) and a first (cache empty),
    against the parse-only floor and check-jsonschema; and the same folder resolved against the bundled
    library against it with its context given."""
    corpus = work / "validation"
    paths = real_corpus(corpus, files)
    context = ["--catalog", str(ROOT / "specs" / "interfaces"), "--catalog", str(ROOT / "specs" / "vehicles")]
    warm = {"INTEROP_CACHE_DIR": str(work / "validation-cache")}
    argv = [tool("interop"), "validate", str(corpus / "vehicles"), *context]
    measure(argv, work, env=warm)  # the first run, which fills the cache
    timed = interleaved(
        {
            "interop": argv,
            "interop_empty_cache": argv,
            "floor": [venv_python(), "-c", FLOOR_SCRIPT, str(corpus / "vehicles")],
            "jsonschema": [tool("check-jsonschema"), "--schemafile", str(SCHEMA), *map(str, paths)],
            # From a folder with no specs/ of its own, so the bundled library is the context.
            "library": [tool("interop"), "validate", "--no-cache", str(corpus / "vehicles")],
            "context": [tool("interop"), "validate", "--no-cache", str(corpus / "vehicles"), *context],
        },
        runs,
        work,
        envs={"interop": warm, "interop_empty_cache": _fresh_cache(work)},
    )
    interop, floor, jsonschema = timed["interop"], timed["floor"], timed["jsonschema"]
    for name in ("interop", "interop_empty_cache", "library", "context"):
        if f"{files} files valid" not in timed[name]["stdout"]:
            raise RuntimeError(
                f"the real-spec corpus did not validate cleanly ({name}):\n{timed[name]['stdout'][-2000:]}"
            )
    return {
        "files": files,
        "bytes": sum(p.stat().st_size for p in paths),
        "interop": _figures(interop),
        "interop_empty_cache": _figures(timed["interop_empty_cache"]),
        "floor_yaml_cload": _figures(floor),
        "check_jsonschema": _figures(jsonschema),
        "library": _figures(timed["library"]),
        "context": _figures(timed["context"]),
        "ratio_vs_floor": interop["seconds"] / floor["seconds"],
        "ratio_vs_check_jsonschema": interop["seconds"] / jsonschema["seconds"],
        "empty_cache_vs_floor": timed["interop_empty_cache"]["seconds"] / floor["seconds"],
        "library_vs_context": timed["library"]["seconds"] / timed["context"]["seconds"],
        "files_per_second": files / interop["seconds"],
    }


def bench_cold_start(work: Path, runs: int = 15, importtime_top: int = 12) -> dict:
    """interop validate on one real file, as a whole process, cache warm and empty,
    against python -c pass, the libraries' import floor and check-jsonschema."""
    corpus = work / "cold-start"
    one = real_corpus(corpus, 1)[0]
    argv = [tool("interop"), "validate", str(one), "--catalog", str(ROOT / "specs" / "interfaces")]
    warm = {"INTEROP_CACHE_DIR": str(work / "cold-start-cache")}
    measure(argv, work, env=warm)
    timed = interleaved(
        {
            "interop": argv,
            "interop_empty_cache": argv,
            "python": [venv_python(), "-c", "pass"],
            "dependencies": [venv_python(), "-c", DEPENDENCY_FLOOR_SCRIPT],
            "dependencies_no_plugins": [venv_python(), "-c", DEPENDENCY_FLOOR_NO_PLUGINS_SCRIPT],
            "jsonschema": [tool("check-jsonschema"), "--schemafile", str(SCHEMA), str(one)],
        },
        runs,
        work,
        envs={"interop": warm, "interop_empty_cache": _fresh_cache(work)},
    )
    interop, python, dependencies, jsonschema = (timed[k] for k in ("interop", "python", "dependencies", "jsonschema"))
    traced = measure([venv_python(), "-X", "importtime", "-m", "interop", *argv[1:]], work, env=warm)
    empty_traced = measure(
        [venv_python(), "-X", "importtime", "-m", "interop", *argv[1:]], work, env=_fresh_cache(work)()
    )
    return {
        "interop": _figures(interop),
        "interop_empty_cache": _figures(timed["interop_empty_cache"]),
        "python_c_pass": _figures(python),
        "dependency_floor": _figures(dependencies),
        "dependency_floor_no_plugins": _figures(timed["dependencies_no_plugins"]),
        "check_jsonschema": _figures(jsonschema),
        "ratio_vs_check_jsonschema": interop["seconds"] / jsonschema["seconds"],
        "empty_cache_vs_check_jsonschema": timed["interop_empty_cache"]["seconds"] / jsonschema["seconds"],
        "dependency_floor_vs_check_jsonschema": dependencies["seconds"] / jsonschema["seconds"],
        "over_bare_python_s": interop["seconds"] - python["seconds"],
        "importtime_top": importtime_offenders(traced["stderr"], importtime_top),
        "importtime_top_empty_cache": importtime_offenders(empty_traced["stderr"], importtime_top),
    }


def importtime_offenders(stderr: str, top: int) -> list[dict]:
    """The top-level imports with the largest cumulative time, from ``-X importtime``."""
    rows = []
    for line in stderr.splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \| (\s*)(\S+)", line)
        if match and len(match.group(3)) <= 2:  # imported directly by __main__ or one level down
            rows.append(
                {
                    "module": match.group(4),
                    "cumulative_ms": int(match.group(2)) / 1000,
                    "self_ms": int(match.group(1)) / 1000,
                    "depth": len(match.group(3)) // 2,
                }
            )
    rows.sort(key=lambda row: -row["cumulative_ms"])
    return rows[:top]


def bench_engine(work: Path, sizes=(25, 50, 100, 200), command_runs: int = 1, min_seconds: float = 1.0) -> dict:
    """check_matrix in-process and interop matrix as a whole command, two systems of each size.

    In-process, the matrix is repeated until ``min_seconds`` have passed (three runs at least)."""
    generate = _generator()
    rows = []
    for size in sizes:
        catalog = work / f"engine-{size}"
        systems = generate.write_engine_catalog(catalog, size)
        child = measure([venv_python(), "-c", ENGINE_SCRIPT, str(catalog), str(min_seconds), *systems], work)
        inner = json.loads(child["stdout"].strip().splitlines()[-1])
        # Exit 1 is an answer (some crews cannot be rescued), not an error.
        command = repeated(
            [
                tool("interop"),
                "--no-config",
                "matrix",
                *systems,
                "--specs",
                str(catalog),
                "--output",
                str(work / f"matrix-{size}.txt"),
            ],
            command_runs,
            work,
            ok=(0, 1),
        )
        pairs = max(inner["pairs"], 1)
        rows.append(
            {
                "size": size,
                "vehicles": inner["vehicles"],
                "ordered_pairs": inner["pairs"],
                "evaluations": inner["evaluations"],
                "load_s": round(inner["load_s"], 4),
                "matrix_s": round(inner["matrix_s"], 4),
                "matrix_runs": inner["matrix_runs"],
                "us_per_pair": inner["matrix_s"] / pairs * 1e6,
                "us_per_evaluation": inner["matrix_s"] / max(inner["evaluations"], 1) * 1e6,
                "in_process_peak_rss_mib": child["peak_rss_mib"],
                "command": _figures(command),
            }
        )
    first, last = rows[0], rows[-1]
    at_200 = next((row for row in rows if row["size"] == 200), None)
    return {
        "sizes": rows,
        "per_pair_growth": last["us_per_pair"] / first["us_per_pair"] if first["us_per_pair"] else None,
        "per_evaluation_growth": last["us_per_evaluation"] / first["us_per_evaluation"]
        if first["us_per_evaluation"]
        else None,
        "us_per_evaluation_200": at_200["us_per_evaluation"] if at_200 else None,
        "largest_command_s": last["command"]["seconds"],
    }


PARALLEL_SCRIPT = """
import json, sys, time
from interop.engine import check_matrix
from interop.engine.parallel import available_cores
from interop.load import load_catalog
catalog = load_catalog([sys.argv[1]]).catalog
figures = {}
for jobs in (1, available_cores()):
    began = time.perf_counter()
    check_matrix(catalog, sys.argv[2:], jobs=jobs)
    figures[jobs] = time.perf_counter() - began
print(json.dumps({"cores": available_cores(), "one_job_s": figures[1], "all_jobs_s": figures[available_cores()]}))
"""


def bench_parallel(work: Path, size: int = 200) -> dict:
    """check_matrix at ``size`` a side on one process and on every core, in one process run."""
    catalog = work / f"engine-{size}"
    systems = _generator().write_engine_catalog(catalog, size)
    child = measure([venv_python(), "-c", PARALLEL_SCRIPT, str(catalog), *systems], work)
    figures = json.loads(child["stdout"].strip().splitlines()[-1])
    cores = figures["cores"]
    return {
        "size": size,
        **figures,
        "speedup": figures["one_job_s"] / figures["all_jobs_s"],
        # wall <= one core's time / (0.6 x cores)  <=>  speedup / cores >= 0.6
        "efficiency": figures["one_job_s"] / figures["all_jobs_s"] / cores,
    }


def profile_engine(work: Path, size: int, out: Path) -> Path | None:
    """pyinstrument over check_matrix at ``size``; the text report's path."""
    catalog = work / f"engine-{size}"
    systems = _generator().write_engine_catalog(catalog, size)
    script = (
        "import sys\nfrom pyinstrument import Profiler\nfrom interop.engine import check_matrix\n"
        "from interop.load import load_catalog\ncatalog = load_catalog([sys.argv[1]]).catalog\n"
        "profiler = Profiler()\nprofiler.start()\ncheck_matrix(catalog, sys.argv[3:])\nprofiler.stop()\n"
        "open(sys.argv[2], 'w').write(profiler.output_text(unicode=False, color=False, show_all=False))\n"
    )
    measure([venv_python(), "-c", script, str(catalog), str(out), *systems], work)
    return out


def profile_cold_start(work: Path, out: Path) -> Path:
    """pyinstrument over one whole ``interop validate`` run on one file, imports included.

    The profiler starts before anything of interop or its libraries is
    imported, sampling every 0.1 ms (a run lasts about 150 ms), and stops
    when the command exits: the same work as the cold start's first row.
    """
    corpus = work / "cold-start-profile"
    one = _generator().write_validation_corpus(corpus, 1)[0]
    script = (
        "import sys\nfrom pyinstrument import Profiler\nprofiler = Profiler(interval=0.0001)\nprofiler.start()\n"
        "from interop.cli import main\ntry:\n    main(['validate', sys.argv[2], '--catalog', sys.argv[3]])\n"
        "except SystemExit:\n    pass\nprofiler.stop()\n"
        # Imports are most of a cold start, spread over many module bodies: a flat
        # list of self time by function (library frames included) shows them best.
        "open(sys.argv[1], 'w').write(profiler.output_text(unicode=False, color=False, show_all=True, flat=True))\n"
    )
    measure([venv_python(), "-c", script, str(out), str(one), str(corpus / "interfaces")], work)
    return out


# ------------------------------------------------------------------ reports


def machine() -> dict:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor()
    version = subprocess.run(
        [venv_python(), "-c", "import sys; print(sys.version.split()[0])"], capture_output=True, text=True
    ).stdout.strip()
    return {"cpus": os.cpu_count(), "cpu_model": cpu, "python": version, "platform": platform.platform()}


def bench_planner(
    work: Path,
    runs: int = 3,
    size: int = 200,
    specs: Path = ROOT / "specs",
    systems: tuple[str, str] = ("us-artemis", "ru-lunar"),
) -> dict:
    """interop plan and gaps on the bundled specs (median of ``runs``), and plan on a synthetic catalog once.

    ``specs`` and ``systems`` stand in for the bundled specs and the pair planned on them (the smoke
    test passes a tiny catalog: the commands, not their time on the library, are what it checks)."""
    bundled = interleaved(
        {
            "plan": [
                tool("interop"),
                "--no-config",
                "plan",
                *systems,
                "--specs",
                str(specs),
                "--no-library",
            ],
            "gaps": [tool("interop"), "--no-config", "gaps", "--specs", str(specs), "--no-library"],
        },
        runs,
        work,
        ok=(0, 1),
    )
    catalog = work / f"planner-{size}"
    synthetic = _generator().write_engine_catalog(catalog, size)
    command = [tool("interop"), "--no-config", "plan", *synthetic[:2], "--specs", str(catalog), "--no-library"]
    # One job and every core, in one run: CPU time (user + sys) is what a loaded machine disturbs least.
    large = measure([*command, "-f", "json", "--jobs", "1"], work, ok=(0, 1))
    shared = measure([*command, "-f", "json"], work, ok=(0, 1))
    plan = json.loads(large["stdout"])
    return {
        "bundled": {name: _figures(result) for name, result in bundled.items()},
        "synthetic": {
            "size": size,
            "seconds": round(large["seconds"], 2),
            "cpu_seconds": round(large["cpu_seconds"], 2),
            "seconds_every_core": round(shared["seconds"], 2),
            "same_on_every_core": shared["stdout"] == large["stdout"],
            "peak_rss_mib": large["peak_rss_mib"],
            "outcome": plan["outcome"],
            "changes": len(plan["changes"]),
            "rows": len(plan["rows"]),
        },
    }


def verdicts(results: dict) -> list[dict]:
    """Each target, the figure measured, and whether it was met."""
    checks = []

    def add(name, figure, target, met):
        checks.append({"target": name, "measured": round(figure, 3), "limit": target, "met": bool(met)})

    def at_most(name, figure, key):
        add(name, figure, TARGETS[key], figure <= TARGETS[key])

    if "validation" in results:
        v = results["validation"]
        at_most("validation, second run / parse-only floor", v["ratio_vs_floor"], "validation_vs_floor")
        at_most(
            "validation, second run / check-jsonschema",
            v["ratio_vs_check_jsonschema"],
            "validation_vs_check_jsonschema",
        )
        at_most("folder against the library / with its context", v["library_vs_context"], "library_vs_context")
    if "cold_start" in results:
        c = results["cold_start"]
        at_most(
            "cold start, cache warm / check-jsonschema",
            c["ratio_vs_check_jsonschema"],
            "cold_start_vs_check_jsonschema",
        )
        at_most(
            "cold start, cache empty / check-jsonschema",
            c["empty_cache_vs_check_jsonschema"],
            "cold_start_empty_cache_vs_check_jsonschema",
        )
    if "engine" in results:
        e = results["engine"]
        if e["per_evaluation_growth"] is not None:
            at_most(
                f"engine time per evaluation, {e['sizes'][-1]['size']} / {e['sizes'][0]['size']} a side",
                e["per_evaluation_growth"],
                "engine_per_evaluation_growth",
            )
        if e["us_per_evaluation_200"] is not None:
            at_most("engine µs per evaluation, 200 a side", e["us_per_evaluation_200"], "engine_us_per_evaluation_200")
    if "parallel" in results:
        q = results["parallel"]
        limit = TARGETS["parallel_efficiency"]
        add(f"matrix on {q['cores']} cores: speedup / cores", q["efficiency"], limit, q["efficiency"] >= limit)
    if "planner" in results:
        p = results["planner"]
        for name in ("plan", "gaps"):
            seconds = p["bundled"][name]["seconds"]
            limit = TARGETS["planner_bundled_seconds"]
            add(f"interop {name} on the bundled specs (s)", seconds, limit, seconds <= limit)
        synthetic = p["synthetic"]
        if synthetic["size"] == 200:
            at_most("interop plan, 200 a side (s)", synthetic["seconds"], "planner_200_seconds")
    return checks


def render_table(results: dict) -> str:
    lines = []

    def table(header, rows):
        widths = [max(len(str(x)) for x in column) for column in zip(header, *rows, strict=False)]
        lines.append("  ".join(str(h).ljust(w) for h, w in zip(header, widths, strict=False)))
        lines.append("  ".join("-" * w for w in widths))
        for row in rows:
            lines.append("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=False)))
        lines.append("")

    m = results["machine"]
    lines.append(f"machine: {m['cpus']} CPUs, {m['cpu_model']}, Python {m['python']}")
    lines.append("")
    if "validation" in results:
        v = results["validation"]
        lines.append(
            f"validation: {v['files']} copies of the bundled vehicle specs ({v['bytes'] // 1024} KiB), "
            f"median of {v['interop']['runs']} whole-process runs"
        )
        table(
            ["tool", "wall s", "peak MiB", "interop / this"],
            [
                [
                    "interop validate, second run",
                    f"{v['interop']['seconds']:.3f}",
                    v["interop"]["peak_rss_mib"],
                    "1.00",
                ],
                [
                    "interop validate, cache empty",
                    f"{v['interop_empty_cache']['seconds']:.3f}",
                    v["interop_empty_cache"]["peak_rss_mib"],
                    f"{v['interop']['seconds'] / v['interop_empty_cache']['seconds']:.2f}",
                ],
                [
                    "interop validate --no-cache, against the bundled library",
                    f"{v['library']['seconds']:.3f}",
                    v["library"]["peak_rss_mib"],
                    f"{v['interop']['seconds'] / v['library']['seconds']:.2f}",
                ],
                [
                    "interop validate --no-cache, context given",
                    f"{v['context']['seconds']:.3f}",
                    v["context"]["peak_rss_mib"],
                    f"{v['interop']['seconds'] / v['context']['seconds']:.2f}",
                ],
                [
                    "floor: yaml CSafeLoader",
                    f"{v['floor_yaml_cload']['seconds']:.3f}",
                    v["floor_yaml_cload"]["peak_rss_mib"],
                    f"{v['ratio_vs_floor']:.2f}",
                ],
                [
                    "check-jsonschema",
                    f"{v['check_jsonschema']['seconds']:.3f}",
                    v["check_jsonschema"]["peak_rss_mib"],
                    f"{v['ratio_vs_check_jsonschema']:.3f}",
                ],
            ],
        )
    if "cold_start" in results:
        c = results["cold_start"]
        lines.append(f"cold start: one real vehicle file, median of {c['interop']['runs']} whole-process runs")
        table(
            ["tool", "wall s", "peak MiB", "interop / this"],
            [
                [
                    "interop validate, cache warm",
                    f"{c['interop']['seconds']:.3f}",
                    c["interop"]["peak_rss_mib"],
                    "1.00",
                ],
                [
                    "interop validate, cache empty",
                    f"{c['interop_empty_cache']['seconds']:.3f}",
                    c["interop_empty_cache"]["peak_rss_mib"],
                    f"{c['interop']['seconds'] / c['interop_empty_cache']['seconds']:.2f}",
                ],
                [
                    "python -c pass",
                    f"{c['python_c_pass']['seconds']:.3f}",
                    c["python_c_pass"]["peak_rss_mib"],
                    f"{c['interop']['seconds'] / c['python_c_pass']['seconds']:.2f}",
                ],
                [
                    "floor: import pydantic + yaml, one model",
                    f"{c['dependency_floor']['seconds']:.3f}",
                    c["dependency_floor"]["peak_rss_mib"],
                    f"{c['interop']['seconds'] / c['dependency_floor']['seconds']:.2f}",
                ],
                [
                    "floor, without plugin discovery",
                    f"{c['dependency_floor_no_plugins']['seconds']:.3f}",
                    c["dependency_floor_no_plugins"]["peak_rss_mib"],
                    f"{c['interop']['seconds'] / c['dependency_floor_no_plugins']['seconds']:.2f}",
                ],
                [
                    "check-jsonschema",
                    f"{c['check_jsonschema']['seconds']:.3f}",
                    c["check_jsonschema"]["peak_rss_mib"],
                    f"{c['ratio_vs_check_jsonschema']:.2f}",
                ],
            ],
        )
        lines.append("slowest imports (python -X importtime, cumulative):")
        table(
            ["module", "cumulative ms", "self ms"],
            [
                [("  " * r["depth"]) + r["module"], f"{r['cumulative_ms']:.1f}", f"{r['self_ms']:.1f}"]
                for r in c["importtime_top"]
            ],
        )
    if "engine" in results:
        e = results["engine"]
        lines.append("engine: interop matrix over two synthetic systems")
        table(
            [
                "a side",
                "vehicles",
                "pairs",
                "evaluations",
                "check_matrix s",
                "us / pair",
                "us / evaluation",
                "peak MiB",
                "command s",
                "command MiB",
            ],
            [
                [
                    r["size"],
                    r["vehicles"],
                    r["ordered_pairs"],
                    r["evaluations"],
                    f"{r['matrix_s']:.3f}",
                    f"{r['us_per_pair']:.0f}",
                    f"{r['us_per_evaluation']:.0f}",
                    r["in_process_peak_rss_mib"],
                    f"{r['command']['seconds']:.3f}",
                    r["command"]["peak_rss_mib"],
                ]
                for r in e["sizes"]
            ],
        )
    if "planner" in results:
        p = results["planner"]
        s = p["synthetic"]
        lines.append("planner: plan and gaps on the bundled specs; plan on a synthetic catalog")
        table(
            ["command", "wall s", "cpu s", "peak MiB"],
            [
                [f"interop {name} (bundled)", f"{r['seconds']:.3f}", "", r["peak_rss_mib"]]
                for name, r in p["bundled"].items()
            ]
            + [
                [
                    f"interop plan, {s['size']} a side ({s['rows']} rows, {s['changes']} changes), one job",
                    f"{s['seconds']:.1f}",
                    f"{s['cpu_seconds']:.1f}" if "cpu_seconds" in s else "",
                    s["peak_rss_mib"],
                ]
            ]
            + (
                [
                    [
                        "  the same, every core" + ("" if s.get("same_on_every_core") else " (OUTPUT DIFFERS)"),
                        f"{s['seconds_every_core']:.1f}",
                        "",
                        "",
                    ]
                ]
                if "seconds_every_core" in s
                else []
            ),
        )
    if "parallel" in results:
        q = results["parallel"]
        lines.append(f"parallel: check_matrix at {q['size']} a side, --jobs 1 and --jobs {q['cores']}, one run each")
        table(
            ["jobs", "wall s", "speedup", "speedup / cores"],
            [
                [1, f"{q['one_job_s']:.2f}", "1.00", f"{1 / q['cores']:.2f}"],
                [q["cores"], f"{q['all_jobs_s']:.2f}", f"{q['speedup']:.2f}", f"{q['efficiency']:.2f}"],
            ],
        )
    lines.append("targets:")
    table(
        ["target", "measured", "limit", "met"],
        [[c["target"], c["measured"], c["limit"], "yes" if c["met"] else "NO"] for c in results["targets"]],
    )
    return "\n".join(lines)


# --------------------------------------------------------------------- main


def ensure_environment() -> None:
    """Run under .venv (as tasks.py makes it), and set up the measured tools."""
    sys.path.insert(0, str(ROOT))
    import tasks

    tasks.ensure_environment("[test,bench]")
    if Path(sys.prefix).resolve() != (ROOT / ".venv").resolve():
        os.execv(tasks.python(), [tasks.python(), *sys.argv])
    ensure_measured_environment()


def ensure_measured_environment() -> None:
    """.venv-bench: interop and the tools it is measured against, installed as users install them.

    Wheels, compiled to bytecode by pip, in a virtual environment of their own.
    The dependencies are installed when pyproject.toml changes; interop itself
    is reinstalled from the working tree on every run, so the figures are
    always those of the code being measured.
    """
    import hashlib
    import venv

    python = VENV_BIN / ("python.exe" if os.name == "nt" else "python")
    if not python.exists():
        print(f"creating {MEASURED_VENV}", file=sys.stderr)
        venv.EnvBuilder(with_pip=True).create(MEASURED_VENV)
    pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    stamp = MEASURED_VENV / ".interop-dependencies"
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    # pip builds a local project in its own folder: build from a scratch copy
    # of the working tree, so no build/ or egg-info is left in the checkout.
    with tempfile.TemporaryDirectory(prefix="interop-wheel-") as scratch:
        source = Path(scratch) / "src"
        shutil.copytree(
            ROOT,
            source,
            ignore=shutil.ignore_patterns(
                ".git",
                ".venv",
                ".venv-bench",
                "build",
                "*.egg-info",
                "__pycache__",
                "results",
                ".hypothesis",
                ".pytest_cache",
            ),
        )
        if not stamp.exists() or stamp.read_text() != wanted:
            subprocess.run([*pip, f"{source}[bench]"], check=True)
            stamp.write_text(wanted)
        subprocess.run([*pip, "--force-reinstall", "--no-deps", str(source)], check=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--only",
        choices=["validation", "cold-start", "engine", "parallel", "planner"],
        action="append",
        help="run only these parts (repeatable)",
    )
    parser.add_argument("--files", type=int, default=1000, help="spec files for the validation throughput")
    parser.add_argument("--runs", type=int, default=3, help="whole-process runs per tool for validation (median)")
    parser.add_argument(
        "--cold-runs", type=int, default=15, help="whole-process runs per tool for the cold start (median)"
    )
    parser.add_argument(
        "--sizes", default="25,50,100,200,500", help="vehicles per system for the engine scaling (issue 28: 25 to 500)"
    )
    parser.add_argument(
        "--parallel-size",
        type=int,
        default=500,
        help="vehicles per system for the matrix on one core against every core (issue 28: 500)",
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="also profile check_matrix at the largest size and one cold-start validate with pyinstrument",
    )
    parser.add_argument("--output", type=Path, default=RESULTS / "latest.json")
    parser.add_argument("--keep", action="store_true", help="keep the generated catalogs (their folder is printed)")
    args = parser.parse_args(argv)
    ensure_environment()
    parts = args.only or ["validation", "cold-start", "engine", "parallel", "planner"]
    sizes = tuple(int(s) for s in args.sizes.split(","))

    work = Path(tempfile.mkdtemp(prefix="interop-bench-"))
    results: dict = {
        "machine": machine(),
        "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "commit": _commit(),
        "installed": "interop and check-jsonschema from wheels in .venv-bench",
    }
    try:
        if "validation" in parts:
            print(f"validation: {args.files} files ...", file=sys.stderr)
            results["validation"] = bench_validation(work, args.files, args.runs)
        if "cold-start" in parts:
            print("cold start ...", file=sys.stderr)
            results["cold_start"] = bench_cold_start(work, args.cold_runs)
        if "engine" in parts:
            print(f"engine: sizes {sizes} ...", file=sys.stderr)
            results["engine"] = bench_engine(work, sizes)
        if "parallel" in parts:
            print(f"parallel: the matrix at {args.parallel_size} a side on one core and on all ...", file=sys.stderr)
            results["parallel"] = bench_parallel(work, args.parallel_size)
        if "planner" in parts:
            print("planner: plan and gaps ...", file=sys.stderr)
            results["planner"] = bench_planner(work)
        if args.profile:
            RESULTS.mkdir(parents=True, exist_ok=True)
            if "engine" in parts:
                results["profile"] = str(profile_engine(work, sizes[-1], RESULTS / f"profile-matrix-{sizes[-1]}.txt"))
            if "cold-start" in parts:
                results["profile_cold_start"] = str(profile_cold_start(work, RESULTS / "profile-cold-start.txt"))
    finally:
        if args.keep:
            print(f"generated catalogs kept in {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    if args.only and args.output.exists():
        # A partial run updates its parts and keeps the others' last figures.
        earlier = json.loads(args.output.read_text())
        results = {**earlier, **results}
    results["targets"] = verdicts(results)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=2) + "\n")
    print(render_table(results))
    print(f"results written to {args.output}")
    return 0


def _commit() -> str:
    found = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    return found.stdout.strip()


if __name__ == "__main__":
    raise SystemExit(main())
