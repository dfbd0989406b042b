"""``kb sources check``: is each live source still answering the way its module reads it?

Each live site (``live = True`` in the registry) has a ``checks()`` list: one polite
request per endpoint the module uses, and what the answer must contain.  The result
says at once what changed ("cổng vbpl: HTTP 401 — cổng đòi mã truy cập …",
"cổng vbpl doc/{id}: thiếu trường documentContent") instead of a crawl that quietly
saves nothing.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from kb.errors import KbError
from kb.scrape.http import FetchError, PoliteClient


@dataclass
class CheckResult:
    source: str  # the site's name in the registry
    check: str  # which endpoint / page
    ok: bool
    message: str
    url: str | None = None

    def line(self) -> str:
        return f"{'✓' if self.ok else '✗'} {self.check}: {self.message}"

    def to_json(self) -> dict:
        return {"source": self.source, "check": self.check, "ok": self.ok, "message": self.message, "url": self.url}


@dataclass
class Check:
    """One request and what its answer must hold.

    ``request(context)`` → (url, data, headers); ``verify(text, context)`` → a short
    summary when the shape is as expected, raising KbError naming what is missing.
    ``context`` carries what an earlier check learnt (an id to open)."""

    name: str
    request: object
    verify: object
    needs: tuple[str, ...] = field(default_factory=tuple)


def missing(obj: dict, keys) -> list[str]:
    """Keys absent from ``obj`` (present with a null value counts as present)."""
    return [k for k in keys if not isinstance(obj, dict) or k not in obj]


def run_checks(sites, client: PoliteClient) -> list[CheckResult]:
    results: list[CheckResult] = []
    for site in sites:
        if not getattr(site, "live", False):
            continue
        context: dict = {}
        for check in site.checks():
            if any(k not in context for k in check.needs):
                results.append(CheckResult(site.name, check.name, False, "bỏ qua: bước trước không cho địa chỉ để thử"))
                continue
            url, data, headers = check.request(context)
            try:
                answer = client.fetch(url, data=data, headers=headers)
                summary = check.verify(answer.text, context)
            except FetchError as exc:
                results.append(CheckResult(site.name, check.name, False, site.explain(exc), url))
                continue
            except KbError as exc:
                results.append(CheckResult(site.name, check.name, False, str(exc), url))
                continue
            results.append(CheckResult(site.name, check.name, True, summary, url))
    return results
