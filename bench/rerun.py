"""Re-run the benchmarks and compare with the recorded figures: ``python -m bench.rerun``.

    python -m bench.rerun [--only NAME …] [--skip NAME …] [--skip-slow] [--no-run] [--list]

``bench/baseline.json`` lists every bench behind BENCHMARKS.md: its command, where its
results land (a JSON file in bench/results/, or the JSON it prints), and the figures to
hold it to — the recorded value, which way is better, and a tolerance that fits the figure
(quality on a fixed corpus: exact or ±0.002; CPU-time speed: ±10 %; wall clock on a shared
machine: generous). Each bench runs alone in a subprocess with a timeout; its old results
file is removed first, so a bench that fails shows its figures as missing, never stale.
Prints one row per figure (bench, figure, before, now, verdict) and writes
bench/results/rerun.json with the load average, wall and CPU time of every bench.
Exit status 1 when a figure is a LOSS or missing.

Verdicts: ``ok`` (within tolerance or better), ``LOSS`` (worse beyond the tolerance),
``new`` (nothing recorded yet), ``changed`` (a count that should stay put moved: read it,
not a failure), ``missing`` (the bench gave no such figure: it failed or changed shape).
"""
from __future__ import annotations

import argparse
import json
import math
import os
import platform
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from bench import RESULTS

ROOT = RESULTS.parent.parent
BASELINE = RESULTS.parent / "baseline.json"
LOGS = RESULTS / "rerun-logs"
FAILING = ("LOSS", "missing")


class Missing(LookupError):
    """The results hold no value at this path."""


def lookup(data, path: str):
    """The value at a dotted path ("slices.10MB.mb_s_cpu", "0.ours.MRR@10": list index)."""
    value = data
    for key in path.split("."):
        if isinstance(value, list):
            try:
                value = value[int(key)]
            except (ValueError, IndexError):
                raise Missing(path) from None
        elif isinstance(value, dict) and key in value:
            value = value[key]
        else:
            raise Missing(path)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or math.isnan(value):
        raise Missing(path)
    return value


def allowance(figure: dict, before: float) -> float:
    """How far ``now`` may fall short of ``before`` and still be ok."""
    tolerance = figure.get("tolerance") or {}
    return tolerance.get("abs", 0.0) + tolerance.get("rel", 0.0) * abs(before)


def verdict(figure: dict, now) -> str:
    """ok / LOSS / new / changed / missing for one figure and its new value (None: missing)."""
    if now is None:
        return "missing"
    before = figure.get("value")
    if before is None:
        return "new"
    slack = allowance(figure, before)
    better = figure.get("better", "higher")
    if better == "higher":
        return "ok" if now >= before - slack else "LOSS"
    if better == "lower":
        return "ok" if now <= before + slack else "LOSS"
    if better == "same":
        return "ok" if abs(now - before) <= slack else "changed"
    raise ValueError(f"figure {figure.get('figure')!r}: better must be higher, lower or same, not {better!r}")


def compare(bench: dict, results, measured: dict | None = None) -> list[dict]:
    """One row per figure of ``bench``; ``results`` is its JSON (None: no results at all).

    Paths starting with "$" read the run's own measurement (``$wall_s``, ``$cpu_s``)."""
    rows = []
    for figure in bench.get("figures", []):
        path = figure["path"]
        try:
            if path.startswith("$"):
                now = lookup(measured or {}, path[1:])
            elif results is None:
                raise Missing(path)
            else:
                now = lookup(results, path)
        except Missing:
            now = None
        rows.append({"bench": bench["name"], "figure": figure["figure"], "path": path,
                     "before": figure.get("value"), "now": now, "better": figure.get("better", "higher"),
                     "tolerance": figure.get("tolerance") or {}, "verdict": verdict(figure, now)})
    return rows


def last_json(text: str):
    """The JSON a bench printed: the whole output, else the last block that parses."""
    text = text.strip()
    if not text:
        return None
    try:
        return json.loads(text)
    except ValueError:
        pass
    lines = text.splitlines()
    for i in range(len(lines) - 1, -1, -1):
        if lines[i].startswith(("{", "[")):
            try:
                return json.loads("\n".join(lines[i:]))
            except ValueError:
                continue
    return None


def expand(arg: str) -> str:
    from kb.config import shared_dir

    return arg.replace("{results}", str(RESULTS)).replace("{shared}", str(shared_dir() or ROOT.parent / "shared"))


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_command(args: list[str], timeout: float, log) -> dict:
    """Run ``python ARGS`` from the project root in its own process group; kill the group on timeout."""
    command = [sys.executable] + [expand(a) for a in args]
    log.write(f"$ {' '.join(command)}\n".encode())
    log.flush()
    load_before = os.getloadavg()[0]
    wall, cpu = time.monotonic(), _children_cpu()
    proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=log, start_new_session=True)
    try:
        out, _ = proc.communicate(timeout=timeout)
        status = proc.returncode
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)  # the bench's own group: its workers and servers too
        out, _ = proc.communicate()
        status = "timeout"
    log.write(out)
    log.flush()
    return {"status": status, "stdout": out.decode("utf-8", "replace"), "load_before": round(load_before, 2),
            "load_after": round(os.getloadavg()[0], 2), "wall_s": round(time.monotonic() - wall, 1),
            "cpu_s": round(_children_cpu() - cpu, 1)}


def result_path(bench: dict) -> Path:
    """Where the bench's figures are: its own results file, or the JSON it printed, kept by us."""
    if bench.get("result", "stdout") == "stdout":
        return RESULTS / f"{bench['name']}.stdout.json"
    return RESULTS / bench["result"]


def run_bench(bench: dict) -> tuple[object, dict]:
    """Run one bench (its setup first when needed); its results JSON and the run's measurements."""
    LOGS.mkdir(parents=True, exist_ok=True)
    result_file = result_path(bench)
    if result_file.exists():
        result_file.unlink()  # a failed run must not pass off the last run's figures
    if bench.get("fresh"):
        shutil.rmtree(expand(bench["fresh"]), ignore_errors=True)
    with open(LOGS / f"{bench['name']}.log", "wb") as log:
        setup = bench.get("setup")
        if setup and not Path(expand(setup["creates"])).exists():
            done = run_command(setup["command"], bench.get("timeout", 600), log)
            if done["status"] != 0:
                return None, {**done, "status": f"setup failed ({done['status']})", "stdout": None}
        measured = run_command(bench["command"], bench.get("timeout", 600), log)
    if bench.get("result", "stdout") == "stdout":
        results = last_json(measured["stdout"])
        if results is not None:
            result_file.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    else:
        results = read_json(result_file)
    measured.pop("stdout")
    return results, measured


def read_json(path: Path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _number(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.4g}" if abs(value) < 1 else f"{value:.2f}" if abs(value) < 100 else f"{value:,.1f}"
    return f"{int(value):,}"


def table(rows: list[dict], markdown: bool = False) -> str:
    head = ("bench", "figure", "before", "now", "verdict")
    cells = [head] + [(r["bench"], r["figure"], _number(r["before"]), _number(r["now"]), r["verdict"]) for r in rows]
    if markdown:
        lines = [" | ".join(c) for c in cells]
        lines.insert(1, " | ".join(["---"] * len(head)))
        return "\n".join(f"| {line} |" for line in lines)
    widths = [max(len(c[i]) for c in cells) for i in range(len(head))]
    return "\n".join("  ".join(c[i].ljust(widths[i]) if i < 2 else c[i].rjust(widths[i]) for i in range(len(head)))
                     for c in cells)


def select(benches: list[dict], only: list[str] | None, skip: list[str], skip_slow: bool) -> list[dict]:
    names = {b["name"] for b in benches}
    unknown = sorted((set(only or []) | set(skip)) - names)
    if unknown:
        raise SystemExit(f"bench.rerun: no such bench in {BASELINE.name}: {', '.join(unknown)}")
    chosen = [b for b in benches if (only is None or b["name"] in only) and b["name"] not in skip]
    return [b for b in chosen if not (skip_slow and b.get("slow"))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", metavar="NAME", help="these benches only")
    parser.add_argument("--skip", nargs="+", metavar="NAME", default=[], help="leave these out")
    parser.add_argument("--skip-slow", action="store_true", help="leave out the benches marked slow")
    parser.add_argument("--no-run", action="store_true", help="compare the results already in bench/results")
    parser.add_argument("--list", action="store_true", help="list the benches and their commands")
    parser.add_argument("--markdown", action="store_true", help="print the table in Markdown")
    parser.add_argument("--baseline", type=Path, default=BASELINE)
    args = parser.parse_args(argv)
    baseline = json.loads(args.baseline.read_text(encoding="utf-8"))
    benches = select(baseline["benches"], args.only, args.skip, args.skip_slow)
    if args.list:
        for b in benches:
            flags = ", ".join(f for f in ("slow" if b.get("slow") else "", b.get("owner", "")) if f)
            print(f"{b['name']:<18} python {' '.join(b['command'])}{f'  [{flags}]' if flags else ''}")
            if b.get("note"):
                print(f"{'':<18} {b['note']}")
        for m in baseline.get("manual", []):
            print(f"{m['name']:<18} (by hand) {m['how']}")
        return 0
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    # The runs of earlier partial re-runs (--only) are kept beside this one's, so that
    # --no-run still finds a bench's own measurements (build-data's wall time) after
    # another bench was re-run alone.
    earlier = (read_json(RESULTS / "rerun.json") or {}).get("runs", {})
    rows, runs = [], dict(earlier)
    for bench in benches:
        if args.no_run:
            results, measured = read_json(result_path(bench)), earlier.get(bench["name"], {})
        else:
            print(f"… {bench['name']}: python {' '.join(bench['command'])} (load {os.getloadavg()[0]:.2f})",
                  file=sys.stderr, flush=True)
            results, measured = run_bench(bench)
            print(f"  {bench['name']}: exit {measured['status']}, {measured['wall_s']} s wall, "
                  f"{measured['cpu_s']} s CPU, load {measured['load_before']} → {measured['load_after']}",
                  file=sys.stderr, flush=True)
        runs[bench["name"]] = measured
        rows += compare(bench, results, measured)
    print(table(rows, args.markdown))
    failing = [r for r in rows if r["verdict"] in FAILING]
    print(f"\n{len(rows)} figures: " + ", ".join(
        f"{sum(r['verdict'] == v for r in rows)} {v}" for v in ("ok", "LOSS", "missing", "changed", "new")))
    report = {
        "started": started, "finished": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "command": " ".join(["python -m bench.rerun"] + (argv if argv is not None else sys.argv[1:])),
        "commit": _commit(),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "runs": runs, "figures": rows,
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "rerun.json").write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    return 1 if failing else 0


def _commit() -> str | None:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    except OSError:
        return None
    return out.stdout.strip() or None


if __name__ == "__main__":
    sys.exit(main())
