"""``kb import``, ``kb show``, ``kb stats``, ``kb build-data``: the store of record."""
from __future__ import annotations

import json
import re
import sys

import click

from kb.errors import KbError


def _data(ctx: click.Context):
    from kb.config import data_dir

    return data_dir(ctx.obj.get("data") if ctx.obj else None)


def _progress(desc: str):
    from tqdm import tqdm

    # disable=None: a bar on a terminal, silence in pipes and logs.
    return lambda total: tqdm(total=total, desc=desc, unit=" tệp", disable=None, file=sys.stderr, leave=False)


def rebuild_structure(store) -> int:
    """Units built by an older parser are parsed again (a bar on a terminal); how many."""
    from tqdm import tqdm

    from kb.store.units import stale_ids

    total = len(stale_ids(store.conn))
    if not total:
        return 0
    with tqdm(total=total, desc="Cấu trúc văn bản", unit=" văn bản", disable=None, file=sys.stderr, leave=False) as bar:
        done = store.rebuild_structure(progress=bar.update)
    click.echo(f"Cấu trúc điều, khoản: đã đọc lại {done} văn bản (bộ phân tích mới).", err=True)
    return done


def _date(iso: str | None) -> str:
    if not iso:
        return "—"
    parts = iso.split("-")
    return "/".join(reversed(parts)) if len(parts) == 3 else iso


def _print_report(report, verb: str = "Nhập") -> None:
    click.echo(
        f"{verb} {report.files} tệp trong {report.seconds:.1f} giây: {len(report.new)} mới, "
        f"{len(report.updated)} cập nhật, {len(report.unchanged)} không đổi, {len(report.failed)} lỗi."
    )
    for path, reason in report.failed:
        click.echo(f"  lỗi: {path}: {reason}", err=True)


@click.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--workers", type=click.IntRange(1, 32), default=None, help="Số tiến trình đọc tệp (mặc định: số lõi, tối đa 4).")
@click.option("--force", is_flag=True, help="Đọc lại cả các tệp đã nhập và không đổi (khi bộ đọc được cải tiến).")
@click.option("--json", "as_json", is_flag=True, help="In bản tóm tắt dạng JSON.")
@click.option("--no-index", is_flag=True, help="Không cập nhật chỉ mục tìm kiếm sau khi nhập.")
@click.pass_context
def import_command(ctx: click.Context, paths: tuple[str, ...], workers: int | None, force: bool, as_json: bool,
                   no_index: bool) -> None:
    """Nhập tệp hoặc thư mục (.txt .md .html .docx .pdf, thư mục Công báo, gói Bộ pháp điển .zip)."""
    from kb.importers.congbao import import_folder
    from kb.importers.phapdien import is_package
    from kb.importers.walk import plan_import
    from kb.store import open_store
    from kb.ingest import import_paths, supported_suffixes

    # The Bộ pháp điển (.zip or its folder); any .zip goes there too, for a clear message if broken.
    packages = [p for p in paths if p.lower().endswith(".zip") or is_package(p)]
    paths = tuple(p for p in paths if p not in packages)
    failed = False
    # Công báo folders (texts + the crawler's meta.jsonl) are read with their facts, even
    # inside a folder given here; files that will not be imported are named with the reason.
    gazettes, others, skipped = plan_import(paths, supported_suffixes()) if paths else ([], [], [])
    with open_store(_data(ctx)) as store:
        for package in packages:
            failed |= _import_package(store, package, as_json)
        if not paths:
            rebuild_structure(store)
    if not paths:
        if packages and not no_index and not failed:
            _update_index(_data(ctx), quiet=as_json)
        ctx.exit(1 if failed else 0)
    with open_store(_data(ctx)) as store:
        report = import_paths(store, others, progress=_progress("Nhập"), workers=workers, force=force) if others else None
        for folder in gazettes:
            part = import_folder(store, folder, progress=_progress("Công báo"), workers=workers, force=force)
            report = part if report is None else _merged(report, part)
        rebuild_structure(store)
    if report is None:
        from kb.ingest import ImportReport

        report = ImportReport()
    changed = len(report.new) + len(report.updated)
    index_note = None
    if changed and not no_index:
        index_note = _update_index(_data(ctx), quiet=as_json)
    if as_json:
        out = report.to_json()
        out["skipped"] = [{"path": p, "reason": r} for p, r in skipped]
        out["index"] = index_note or ("not_updated" if changed else "unchanged")
        click.echo(json.dumps(out, ensure_ascii=False))
    else:
        _print_report(report)
        for path, reason in skipped:
            click.echo(f"  bỏ qua: {path}: {reason}", err=True)
        if skipped:
            click.echo(f"Bỏ qua {len(skipped)} tệp không nhập được (lý do ở trên).")
        if report.files == 0 and not skipped:
            click.echo("Không có tệp nào để nhập (hỗ trợ: .txt .md .html .docx .pdf).", err=True)
        if changed and no_index:
            click.echo("Văn bản mới chưa tìm kiếm được cho đến khi cập nhật chỉ mục: chạy `python -m kb index`.")
    if report.failed or failed:
        ctx.exit(1)


def _merged(a, b):
    from kb.ingest import ImportReport

    return ImportReport(files=a.files + b.files, new=a.new + b.new, updated=a.updated + b.updated,
                        unchanged=a.unchanged + b.unchanged, failed=a.failed + b.failed,
                        seconds=a.seconds + b.seconds)


def _import_package(store, path: str, as_json: bool = False) -> bool:
    """Import a Bộ pháp điển package; True when some of it could not be imported."""
    from kb.importers.phapdien import import_package

    def progress(total: int, desc: str):
        from tqdm import tqdm

        return tqdm(total=total, desc=desc, disable=None, file=sys.stderr, leave=False)

    try:
        report = import_package(store, path, progress=progress)
    except KbError as exc:
        click.echo(f"Bộ pháp điển: {exc}", err=True)
        return True
    if as_json:
        click.echo(json.dumps(report.to_json(), ensure_ascii=False))
    elif report.same_package:
        click.echo(f"Bộ pháp điển: gói này đã được nhập, không có gì thay đổi ({report.documents} văn bản nguồn).")
    else:
        click.echo(
            f"Bộ pháp điển: {report.demuc} đề mục, {report.articles} điều, {report.documents} văn bản nguồn"
            f" ({len(report.new)} mới, {len(report.updated)} cập nhật, {len(report.unchanged)} không đổi,"
            f" {len(report.failed)} lỗi); {report.changes} thay đổi theo điều, {report.related} chỉ dẫn"
            f" trong {report.seconds:.1f} giây."
        )
        for warning in report.warnings:
            click.echo(f"  lưu ý: {warning}", err=True)
        for where, reason in report.problems[:20]:
            click.echo(f"  bỏ qua: {where}: {reason}", err=True)
        if len(report.problems) > 20:
            click.echo(f"  … và {len(report.problems) - 20} mục bị bỏ qua khác (xem --json).", err=True)
        for where, reason in report.failed:
            click.echo(f"  lỗi: {where}: {reason}", err=True)
    return bool(report.failed)


# --- show ---------------------------------------------------------------------------------
def _short(text: str, width: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width].rsplit(" ", 1)[0] + "…"


def _official(link) -> str | None:
    """The live link (kb.official_links); a listing page says what to type there."""
    if link is None:
        return None
    return link.url if link.kind != "vbpl_listing" else f"{link.url} ({link.label})"


def _line(record, full: bool = False) -> str:
    parts = [record.label]
    if record.date:
        parts.append(f"ngày {_date(record.date)}")
    elif record.year and (not record.number or str(record.year) not in record.number):
        parts.append(f"năm {record.year}")
    if record.issuer:
        parts.append(f"của {record.issuer}")
    text = " ".join(parts)
    if record.title and record.title not in (record.name, record.label):
        text += f" — {record.title if full else _short(record.title)}"
    if record.is_stub:
        text += " [chưa có toàn văn]"
    return text


def _show_text(store, view, limit: int | None) -> None:
    from kb.model import RELATION_LABELS

    record, validity = view.record, view.validity
    echo = click.echo
    echo(_line(record, full=True))
    echo(f"  Đường dẫn:        /van-ban/{record.slug}")
    fields = [
        ("Loại văn bản", record.type), ("Số hiệu", record.number), ("Tên", record.name),
        ("Cơ quan ban hành", record.issuer), ("Ngày ban hành", _date(record.date) if record.date else None),
        ("Ngày hiệu lực", _date(record.effective_date) if record.effective_date else None),
        ("Người ký", ", ".join(x for x in (record.signer_title, record.signer) if x) or None),
        ("Nơi ban hành", record.place), ("Trích yếu", record.title),
        ("Nguồn chính thức", _official(view.official_link)),
        ("Nơi công bố", (record.extra or {}).get("official_portal")),
    ]
    for label, value in fields:
        if value:
            echo(f"  {label + ':':<18}{value}")
    if record.is_stub:
        echo("  (Bản ghi tạm: chỉ biết qua các trích dẫn; chưa có toàn văn.)")
    elif record.text:
        echo(f"  {'Toàn văn:':<18}{len(record.text):,} ký tự".replace(",", "."))
    echo(f"  {'Hiệu lực:':<18}{validity.label}{' (theo nguồn)' if validity.stated_by_source else ''}")
    if validity.explanation:
        echo(f"    {validity.explanation}")
    if validity.date_evidence:
        echo(f"    Ngày có hiệu lực theo văn bản: {validity.date_evidence}")
    for ev in validity.evidence:
        echo(f"    ← {ev.document.label}: {ev.sentence or ''}".rstrip(": "))
    for ev in validity.amendments:
        echo(f"    sửa đổi bởi {ev.document.label}: {ev.sentence or ''}".rstrip(": "))
    if view.units:
        articles = sum(1 for u in view.units if u.kind == "dieu")
        echo(f"  {'Cấu trúc:':<18}{articles} điều (xem một điều: --dieu N)")
    for heading, groups, side in (("Văn bản này dẫn đến", view.outgoing, 0), ("Văn bản dẫn đến văn bản này", view.incoming, 1)):
        if not groups:
            continue
        echo("")
        echo(f"{heading}:")
        for relation, items in groups.items():
            label = RELATION_LABELS.get(relation, (relation, relation))[side]
            echo(f"  {label} ({len(items)}):")
            for item in items[:limit] if limit else items:
                edge = item.edge
                times = f" ×{item.mentions}" if item.mentions > 1 else ""
                if item.other is not None:
                    echo(f"    - {_line(item.other)}  [{item.other.slug}]{times}")
                elif edge.candidates:
                    echo(f"    - {edge.number}: chưa xác định, có thể là:{times}")
                    for c in edge.candidates:
                        echo(f"        · {_line(c)}  [{c.slug}]")
                else:
                    echo(f"    - {edge.number or edge.surface}: chưa xác định{times}")
            if limit and len(items) > limit:
                echo(f"    … và {len(items) - limit} văn bản khác (xem tất cả: --all hoặc --json)")
    sources = view.sources
    if sources:
        echo("")
        echo("Nguồn đã nhập:")
        for s in sources:
            when = s["fetched_at"] or s["recorded_at"]
            old = "" if s["applied"] else " (bản cũ hơn, chỉ lưu lịch sử)"
            echo(f"  - {s['kind']}: {s['url'] or '—'} ({when}){old}")


_UNIT_WORDS = {"dieu": "Điều", "khoan": "khoản", "diem": "điểm"}


def _pinpoint_words(pinpoint: dict) -> str:
    """{"dieu": "5", "khoan": "2"} → "khoản 2 Điều 5" (as officials write it)."""
    return " ".join(f"{_UNIT_WORDS[k]} {pinpoint[k]}" for k in ("diem", "khoan", "dieu") if pinpoint.get(k))


@click.command("show")
@click.argument("query")
@click.option("--json", "as_json", is_flag=True, help="In dạng JSON.")
@click.option("--text/--no-text", "with_text", default=False, help="Kèm toàn văn (mặc định: không).")
@click.option("--all", "show_all", is_flag=True, help="Liệt kê mọi văn bản liên quan (mặc định: 10 mỗi nhóm).")
@click.option("--dieu", default=None, metavar="N", help="Chỉ in Điều N (ví dụ: 5, 5a).")
@click.option("--khoan", default=None, metavar="N", help="Chỉ in khoản N của điều (cần --dieu).")
@click.option("--diem", default=None, metavar="X", help="Chỉ in điểm X của khoản (cần --dieu).")
@click.pass_context
def show_command(ctx: click.Context, query: str, as_json: bool, with_text: bool, show_all: bool,
                 dieu: str | None, khoan: str | None, diem: str | None) -> None:
    """Xem một văn bản theo SỐ HIỆU hoặc đường dẫn: thông tin, hiệu lực, quan hệ; hoặc một điều."""
    from kb.store import open_store
    from kb.views.document import DocumentView

    exact = None  # a unit's anchor given in a page address
    if (khoan or diem) and not dieu:
        raise KbError("--khoan và --diem cần đi cùng --dieu (ví dụ: --dieu 5 --khoan 2).")
    # A page address works too: "/van-ban/76-nq-cp-2021-07-15" or the full URL.
    query = query.strip()
    if "/van-ban/" in query:
        # "…/van-ban/SLUG#dieu-5-khoan-2" shows that unit, as the page's permalink does.
        fragment = query.split("#", 1)[1] if "#" in query else ""
        anchor = re.fullmatch(r"(?:kem-theo(?:-\d+)?-)?dieu-([0-9]+[a-z]*)(?:-khoan-([0-9]+))?(?:-diem-([a-z]+))?", fragment)
        if anchor and not dieu:
            dieu, khoan, diem = (g.replace("dd", "đ") if g else None for g in anchor.groups())
            exact = fragment
        query = query.split("/van-ban/", 1)[1].strip("/").split("?")[0].split("#")[0] or query
    with open_store(_data(ctx)) as store:
        found = store.lookup(query)
        if not found:
            raise KbError(f"không có văn bản nào ứng với “{query}” trong cơ sở tri thức ({store.path}).")
        if len(found) > 1:
            if as_json:
                click.echo(json.dumps({"query": query, "candidates": [r.brief() for r in found]}, ensure_ascii=False, indent=2))
                return
            click.echo(f"“{query}” ứng với {len(found)} văn bản; xem từng văn bản theo đường dẫn:")
            for record in found:
                click.echo(f"  {record.slug:<40} {_line(record)}")
            return
        view = DocumentView.build(store, found[0])
        if dieu:
            _show_unit(view, {"dieu": dieu.strip(), "khoan": (khoan or "").strip(), "diem": (diem or "").strip().lower()},
                       as_json, exact)
        elif as_json:
            click.echo(json.dumps(view.to_json(text=with_text), ensure_ascii=False, indent=2))
        else:
            _show_text(store, view, None if show_all else 10)
            if with_text and view.record.text:
                click.echo("")
                click.echo(view.record.text)


def _show_unit(view, pinpoint: dict, as_json: bool, anchor: str | None = None) -> None:
    from kb.structure.reflow import reflow

    pinpoint = {k: v for k, v in pinpoint.items() if v}
    unit = next((u for u in view.units if anchor and u.anchor == anchor), None) or view.unit(**pinpoint)
    if unit is None:
        what = _pinpoint_words(pinpoint)
        if not view.units:
            raise KbError(f"{view.record.label} chưa có cấu trúc điều, khoản (không có toàn văn hoặc không tìm thấy điều nào).")
        raise KbError(f"{view.record.label} không có {what}.")
    if as_json:
        click.echo(json.dumps(view.unit_json(unit), ensure_ascii=False, indent=2))
        return
    click.echo(f"{_pinpoint_words(pinpoint)} {view.record.label}".strip())
    click.echo(f"  Đường dẫn: /van-ban/{view.record.slug}#{unit.anchor}")
    click.echo("")
    click.echo(reflow(view.unit_text(unit)))


# --- stats --------------------------------------------------------------------------------
@click.command("stats")
@click.option("--json", "as_json", is_flag=True, help="In dạng JSON.")
@click.pass_context
def stats_command(ctx: click.Context, as_json: bool) -> None:
    """Thống kê: số văn bản, bản ghi tạm, trích dẫn theo quan hệ, trích dẫn chưa xác định."""
    from kb.model import RELATION_LABELS
    from kb.store import open_store

    with open_store(_data(ctx)) as store:
        s = store.stats()
    if as_json:
        click.echo(json.dumps(s, ensure_ascii=False, indent=2))
        return
    n = lambda x: f"{x:,}".replace(",", ".")  # noqa: E731  Vietnamese thousands separator
    click.echo(f"Văn bản:               {n(s['documents'])} ({n(s['with_text'])} có toàn văn)")
    click.echo(f"Bản ghi tạm:           {n(s['stubs'])} (văn bản được trích dẫn, chưa có toàn văn)")
    click.echo(f"Trích dẫn (quan hệ):   {n(s['edges'])}")
    for relation, count in s["edges_by_relation"].items():
        if count:
            click.echo(f"  {RELATION_LABELS[relation][0] + ':':<22}{n(count)}")
    st = s["edges_by_status"]
    click.echo(
        f"Chưa xác định:         {n(s['unresolved'])} ({n(st['ambiguous'])} mơ hồ, {n(st['unknown'])} không rõ văn bản);"
        f" {n(st['stub'])} trỏ tới bản ghi tạm"
    )
    if s["documents_by_type"]:
        top = ", ".join(f"{t} {n(c)}" for t, c in list(s["documents_by_type"].items())[:8])
        click.echo(f"Theo loại:             {top}")
    click.echo(f"Nguồn đã ghi:          {n(s['sources'])}; trang gốc đã lưu: {n(s['raw_pages'])}")
    if s.get("validity"):
        from kb.model import VALIDITY_LABELS

        parts = ", ".join(f"{VALIDITY_LABELS[c].lower()} {n(k)}" for c, k in s["validity"].items() if k)
        click.echo(f"Hiệu lực:              {parts}; {n(s['effective_dates'])} văn bản biết ngày có hiệu lực")


# --- build-data ---------------------------------------------------------------------------
@click.command("build-data")
@click.option("--no-corpus", is_flag=True, help="Chỉ nạp danh mục, không nhập kho văn bản ../shared.")
@click.option("--no-index", is_flag=True, help="Không cập nhật chỉ mục tìm kiếm.")
@click.pass_context
def build_data_command(ctx: click.Context, no_corpus: bool, no_index: bool) -> None:
    """Dữ liệu mặc định: danh mục của dự án, kho văn bản ../shared (nếu có), chỉ mục."""
    from kb.catalogue import CATALOGUE_PATH, load_catalogue
    from kb.config import shared_dir
    from kb.importers.congbao import import_folder, is_congbao_folder
    from kb.store import open_store
    from kb.ingest import import_paths

    data = _data(ctx)
    failed = False
    with open_store(data) as store:
        counts = load_catalogue(store, CATALOGUE_PATH)
        click.echo(
            f"Danh mục: {counts['documents']} văn bản ({counts['new']} mới, {counts['updated']} cập nhật,"
            f" {counts['unchanged']} không đổi)."
        )
        shared = shared_dir()
        corpus = shared / "corpus" / "legal" if shared else None
        if no_corpus:
            pass
        elif corpus is None or not corpus.is_dir():
            click.echo("Không thấy ../shared/corpus/legal: chỉ dùng danh mục.")
        else:
            report = import_paths(store, [corpus], progress=_progress("Kho văn bản"))
            _print_report(report, verb="Kho văn bản: nhập")
            failed = bool(report.failed)
        package = shared / "corpus" / "phapdien" / "BoPhapDienDienTu.zip" if shared else None
        if not no_corpus and package is not None and package.is_file():
            failed |= _import_package(store, str(package))
        gazette = shared / "corpus" / "congbao" if shared else None
        if not no_corpus and gazette is not None and is_congbao_folder(gazette):
            report = import_folder(store, gazette, progress=_progress("Công báo"))
            _print_report(report, verb="Công báo: nhập")
            failed = failed or bool(report.failed)
        rebuild_structure(store)
        s = store.stats()
    click.echo(f"Cơ sở tri thức: {s['documents']} văn bản, {s['stubs']} bản ghi tạm, {s['edges']} trích dẫn.")
    if not no_index:
        _update_index(data)
    if failed:
        click.echo("Một số tệp không nhập được (xem ở trên); phần còn lại đã sẵn sàng.", err=True)


def _update_index(data, quiet: bool = False) -> str:
    """Bring the search index up to date (incremental); returns what happened, in one word."""
    import indexer

    say = (lambda _text: None) if quiet else click.echo
    report = indexer.update(data)
    added, removed = getattr(report, "added", None), getattr(report, "removed", None)
    if added is None:
        say("Chỉ mục đã cập nhật.")
        return "updated"
    seconds = getattr(report, "seconds", None)
    took = f" trong {seconds:.1f} giây" if isinstance(seconds, (int, float)) else ""
    say(f"Chỉ mục: {added} văn bản cập nhật, {removed or 0} gỡ bỏ{took}.")
    return "updated"


COMMANDS = [import_command, show_command, stats_command, build_data_command]
