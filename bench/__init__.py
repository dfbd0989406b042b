"""Benchmarks: ``python -m bench.NAME``; results land in bench/results/ (not committed).

``python -m bench.rerun`` runs them all and compares with ``bench/baseline.json``.
"""
from __future__ import annotations

import json
import resource
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"


def save_results(name: str, data) -> Path:
    """Write ``bench/results/NAME.json``, the figures ``bench.rerun`` reads back."""
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def process_cpu() -> float:
    """CPU seconds of this process and its finished worker processes (steadier than wall on a shared machine)."""
    return sum(u.ru_utime + u.ru_stime for u in (resource.getrusage(resource.RUSAGE_SELF),
                                                   resource.getrusage(resource.RUSAGE_CHILDREN)))
