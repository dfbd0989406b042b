"""bench.rerun's comparison: verdicts by direction and tolerance, missing results, the baseline's shape.

The benches themselves are not run here (they take minutes on the real data)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench import rerun

BENCH_DIR = Path(rerun.__file__).parent


def figure(value, better="higher", **tolerance):
    return {"figure": "f", "path": "x", "value": value, "better": better, "tolerance": tolerance}


@pytest.mark.parametrize("before, better, tolerance, now, expected", [
    (0.962, "higher", {"abs": 0.002}, 0.962, "ok"),
    (0.962, "higher", {"abs": 0.002}, 0.9601, "ok"),      # within ±0.002
    (0.962, "higher", {"abs": 0.002}, 0.9590, "LOSS"),
    (0.962, "higher", {"abs": 0.002}, 0.990, "ok"),       # better is never a loss
    (1.0, "higher", {"abs": 0}, 0.9944, "LOSS"),          # exact: one gold citation missed
    (17.7, "higher", {"rel": 0.10}, 16.0, "ok"),          # CPU speed: −9.6 %
    (17.7, "higher", {"rel": 0.10}, 15.8, "LOSS"),        # −10.7 %
    (26.1, "lower", {"rel": 1.0}, 52.0, "ok"),            # wall clock: up to twice as slow
    (26.1, "lower", {"rel": 1.0}, 52.3, "LOSS"),
    (26.1, "lower", {"rel": 1.0}, 3.0, "ok"),
    (0, "lower", {"abs": 0}, 1, "LOSS"),                  # a failure where there was none
    (4.8, "lower", {"abs": 5.2}, 9.9, "ok"),
    (443, "same", {"abs": 0}, 443, "ok"),
    (443, "same", {"abs": 0}, 444, "changed"),            # a count moved: read it, not a failure
    (9200, "same", {"rel": 0.05}, 9500, "ok"),
    (None, "higher", {}, 3.0, "new"),                     # nothing recorded yet
    (0.962, "higher", {"abs": 0.002}, None, "missing"),
])
def test_verdict(before, better, tolerance, now, expected):
    assert rerun.verdict(figure(before, better, **tolerance), now) == expected


def test_verdict_refuses_an_unknown_direction():
    with pytest.raises(ValueError):
        rerun.verdict(figure(1.0, "bigger"), 2.0)


def test_lookup_paths():
    data = {"slices": {"10MB": {"mb_s_cpu": 17.2}}, "recall": {"date (long notes)": 0.85},
            "runs": [{"ours": {"MRR@10": 0.855}}], "flag": True, "text": "x"}
    assert rerun.lookup(data, "slices.10MB.mb_s_cpu") == 17.2
    assert rerun.lookup(data, "recall.date (long notes)") == 0.85
    assert rerun.lookup(data, "runs.0.ours.MRR@10") == 0.855
    for path in ("slices.1MB.mb_s_cpu", "runs.1.ours.MRR@10", "runs.x", "flag", "text", "slices"):
        with pytest.raises(rerun.Missing):
            rerun.lookup(data, path)


def test_compare_missing_results_and_own_measurements():
    bench = {"name": "b", "figures": [
        {"figure": "quality", "path": "q", "value": 0.9, "better": "higher", "tolerance": {"abs": 0.002}},
        {"figure": "wall", "path": "$wall_s", "value": 10, "better": "lower", "tolerance": {"rel": 1.0}},
        {"figure": "other", "path": "absent", "value": 1, "better": "higher"}]}
    rows = rerun.compare(bench, None, {"wall_s": 25.0})
    assert [r["verdict"] for r in rows] == ["missing", "LOSS", "missing"]
    rows = rerun.compare(bench, {"q": 0.95}, {"wall_s": 12.0})
    assert [(r["now"], r["verdict"]) for r in rows] == [(0.95, "ok"), (12.0, "ok"), (None, "missing")]


def test_last_json_finds_what_the_bench_printed():
    assert rerun.last_json('{"a": 1}') == {"a": 1}
    assert rerun.last_json('building …\nround 1\n[\n {"set": "x",\n  "m": 2}\n]\n') == [{"set": "x", "m": 2}]
    assert rerun.last_json('{"progress": 1}\nnoise\n{"a": 2}') == {"a": 2}
    assert rerun.last_json("no json here\n") is None
    assert rerun.last_json("") is None


def write_baseline(path: Path, benches: list[dict]) -> Path:
    path.write_text(json.dumps({"benches": benches}), encoding="utf-8")
    return path


def test_main_exits_non_zero_on_a_loss_and_writes_the_report(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(rerun, "RESULTS", tmp_path)
    (tmp_path / "q.json").write_text(json.dumps({"mrr": 0.95, "speed": 18.0}))
    ok = {"name": "q", "command": ["-m", "bench.q"], "result": "q.json", "figures": [
        {"figure": "MRR", "path": "mrr", "value": 0.951, "better": "higher", "tolerance": {"abs": 0.002}},
        {"figure": "speed", "path": "speed", "value": 17.7, "better": "higher", "tolerance": {"rel": 0.1}}]}
    assert rerun.main(["--no-run", "--baseline", str(write_baseline(tmp_path / "b1.json", [ok]))]) == 0
    report = json.loads((tmp_path / "rerun.json").read_text())
    assert [r["verdict"] for r in report["figures"]] == ["ok", "ok"]

    ok["figures"][0]["value"] = 0.96
    assert rerun.main(["--no-run", "--baseline", str(write_baseline(tmp_path / "b2.json", [ok]))]) == 1
    out = capsys.readouterr().out
    assert "LOSS" in out and "MRR" in out
    gone = {"name": "gone", "command": ["-m", "bench.gone"], "result": "gone.json", "figures": [
        {"figure": "x", "path": "x", "value": 1, "better": "higher"}]}
    assert rerun.main(["--no-run", "--only", "gone", "--baseline",
                       str(write_baseline(tmp_path / "b3.json", [ok, gone]))]) == 1
    assert json.loads((tmp_path / "rerun.json").read_text())["figures"][0]["verdict"] == "missing"
    with pytest.raises(SystemExit):
        rerun.main(["--no-run", "--only", "nosuch", "--baseline", str(tmp_path / "b3.json")])


def test_a_failed_run_never_shows_the_last_runs_figures(tmp_path, monkeypatch):
    monkeypatch.setattr(rerun, "RESULTS", tmp_path)
    monkeypatch.setattr(rerun, "LOGS", tmp_path / "logs")
    (tmp_path / "stale.json").write_text(json.dumps({"x": 5}))
    bench = {"name": "stale", "command": ["-c", "raise SystemExit(3)"], "result": "stale.json", "timeout": 60}
    results, measured = rerun.run_bench(bench)
    assert results is None and measured["status"] == 3 and not (tmp_path / "stale.json").exists()

    printed = {"name": "printed", "command": ["-c", "print('row'); print('{\"x\": 7}')"], "result": "stdout"}
    results, measured = rerun.run_bench(printed)
    assert results == {"x": 7} and measured["status"] == 0 and measured["wall_s"] >= 0
    # kept, so that --no-run compares it again
    assert json.loads((tmp_path / "printed.stdout.json").read_text()) == {"x": 7}


def test_markdown_table():
    rows = [{"bench": "b", "figure": "MRR", "before": 0.962, "now": 0.9615, "verdict": "ok"},
            {"bench": "b", "figure": "s", "before": 6.16, "now": None, "verdict": "missing"}]
    lines = rerun.table(rows, markdown=True).splitlines()
    assert lines[0] == "| bench | figure | before | now | verdict |" and lines[1].startswith("| --- |")
    assert lines[2] == "| b | MRR | 0.962 | 0.9615 | ok |" and lines[3] == "| b | s | 6.16 | — | missing |"


def test_a_bench_over_its_time_is_stopped(tmp_path, monkeypatch):
    monkeypatch.setattr(rerun, "RESULTS", tmp_path)
    monkeypatch.setattr(rerun, "LOGS", tmp_path / "logs")
    bench = {"name": "sleepy", "command": ["-c", "import time; time.sleep(60)"], "result": "stdout", "timeout": 0.5}
    results, measured = rerun.run_bench(bench)
    assert results is None and measured["status"] == "timeout" and measured["wall_s"] < 30


def test_the_baseline_is_well_formed():
    baseline = json.loads(rerun.BASELINE.read_text(encoding="utf-8"))
    names = [b["name"] for b in baseline["benches"]]
    assert len(names) == len(set(names))
    for bench in baseline["benches"]:
        assert bench["command"][0] == "-m", bench["name"]
        module = bench["command"][1]
        if module.startswith("bench."):
            assert (BENCH_DIR / f"{module.split('.', 1)[1]}.py").is_file(), module
        assert bench["figures"], bench["name"]
        for f in bench["figures"]:
            assert f["better"] in ("higher", "lower", "same"), f
            assert set(f.get("tolerance") or {}) <= {"abs", "rel"}, f
            assert f["value"] is None or isinstance(f["value"], (int, float)), f
            rerun.verdict(f, f["value"] if f["value"] is not None else 0.0)  # no error
    slow = {b["name"] for b in baseline["benches"] if b.get("slow")}
    assert {"coverage", "index_scale", "build_data"} <= slow


def test_a_partial_rerun_keeps_the_other_benches_measurements(tmp_path, monkeypatch):
    monkeypatch.setattr(rerun, "RESULTS", tmp_path)
    monkeypatch.setattr(rerun, "LOGS", tmp_path / "logs")
    timed = {"name": "timed", "command": ["-c", "print('{}')"], "result": "stdout", "timeout": 60,
             "figures": [{"figure": "wall", "path": "$wall_s", "value": 100, "better": "lower",
                          "tolerance": {"rel": 0.5}}]}
    other = {"name": "other", "command": ["-c", "print('{\"x\": 1}')"], "result": "stdout", "timeout": 60,
             "figures": [{"figure": "x", "path": "x", "value": 1, "better": "same"}]}
    baseline = str(write_baseline(tmp_path / "b.json", [timed, other]))
    assert rerun.main(["--only", "timed", "--baseline", baseline]) == 0
    assert rerun.main(["--only", "other", "--baseline", baseline]) == 0
    runs = json.loads((tmp_path / "rerun.json").read_text())["runs"]
    assert set(runs) == {"timed", "other"}
    assert rerun.main(["--no-run", "--baseline", baseline]) == 0  # the wall time is still there
    verdicts = {r["figure"]: r["verdict"] for r in json.loads((tmp_path / "rerun.json").read_text())["figures"]}
    assert verdicts == {"wall": "ok", "x": "ok"}
