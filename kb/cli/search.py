"""``kb index`` and ``kb search``: the full-text index (package ``indexer``)."""
from __future__ import annotations

import json

import click

from kb.config import data_dir


@click.command("index")
@click.option("--rebuild", is_flag=True, help="Lập lại toàn bộ chỉ mục (bên cạnh bản cũ, rồi thay thế).")
@click.pass_context
def index_command(ctx: click.Context, rebuild: bool) -> None:
    """Cập nhật chỉ mục tìm kiếm từ kho dữ liệu (chỉ những gì đã thay đổi)."""
    import indexer
    from kb.cli.store import rebuild_structure
    from kb.config import database_path
    from kb.store import open_store

    # The index reads stored units: bring them up to the current parser first.
    data = data_dir(ctx.obj["data"])
    if database_path(data).exists():
        with open_store(data) as store:
            rebuild_structure(store)
    report = indexer.update(data_dir(ctx.obj["data"]), rebuild=rebuild)
    click.echo(report.summary())


@click.command("search")
@click.argument("query", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="In kết quả dạng JSON.")
@click.option("--type", "doc_type", metavar="LOẠI", help="Loại văn bản, ví dụ: \"Nghị quyết\", nq.")
@click.option("--issuer", metavar="CƠ QUAN", help="Cơ quan ban hành, ví dụ: \"UBND tỉnh Quảng Ngãi\".")
@click.option("--year", metavar="NĂM", help="Năm ban hành (2021) hoặc khoảng (2019-2021).")
@click.option("--validity", metavar="HIỆU LỰC", help="Tình trạng hiệu lực, ví dụ: con-hieu-luc.")
@click.option("--topic", metavar="LĨNH VỰC", help="Chủ đề/đề mục Pháp điển (mã), ví dụ: 19 hoặc 19.6.")
@click.option("--articles", is_flag=True, help="Xếp hạng từng điều (thay vì cả văn bản).")
@click.option("--sort", type=click.Choice(["relevance", "date"]), default="relevance",
              show_default=True, help="Sắp xếp theo mức liên quan hoặc ngày ban hành.")
@click.option("--page", type=click.IntRange(min=1), default=1, show_default=True)
@click.option("--per-page", type=click.IntRange(1, 100), default=10, show_default=True)
@click.pass_context
def search_command(ctx: click.Context, query: tuple[str, ...], as_json: bool, doc_type, issuer,
                   year, validity, topic, articles: bool, sort: str, page: int, per_page: int) -> None:
    """Tìm văn bản: từ ngữ (có hoặc không dấu), "cụm từ", số hiệu (76/NQ-CP, nq 76),
    bộ lọc trong câu hỏi (loai:nghi-quyet nam:2021 co-quan:"quang ngai")."""
    from indexer.results import Links
    from indexer.searching import Searcher

    text = " ".join(query)
    with Searcher(data_dir(ctx.obj["data"]), preload=False) as searcher:
        result = searcher.search(text, type=doc_type, issuer=issuer, year=year, validity=validity,
                                 topic=topic, sort=sort, page=page, per_page=per_page,
                                 unit="article" if articles else "document")
    if as_json:
        # Links are the site's paths (kb serve answers them); /api/search gives them absolute.
        click.echo(json.dumps(result.to_json(Links()), ensure_ascii=False))
        return
    _print_text(result)


def _print_text(result) -> None:
    what = "điều" if result.unit == "article" else "văn bản"
    if result.did_you_mean and result.corrected:
        click.echo(f"Có phải bạn muốn tìm: {result.did_you_mean}? Kết quả dưới đây là của “{result.did_you_mean}”.")
    elif result.did_you_mean:
        click.echo(f"Có phải bạn muốn tìm: {result.did_you_mean}")
    if result.total == 0:
        click.echo(f"Không tìm thấy {what} nào.")
        return
    if result.direct:
        where = f"#{result.direct_anchor}" if result.direct_anchor else ""
        click.echo(f"Văn bản có số hiệu này: {result.direct}{where}")
    elif result.candidates:
        click.echo(f"Số hiệu này ứng với {result.total} văn bản khác nhau:")
    else:
        first = (result.page - 1) * result.per_page + 1
        last = first + len(result.hits) - 1
        click.echo(f"{result.total} {what}; {first}–{last}:")
    for i, hit in enumerate(result.hits, start=(result.page - 1) * result.per_page + 1):
        label = " ".join(x for x in (hit.type, hit.number) if x) or hit.slug
        meta = ", ".join(x for x in (hit.issuer, hit.date, hit.validity_label) if x)
        click.echo(f"{i:>3}. {label}" + (f" ({meta})" if meta else ""))
        if hit.title:
            click.echo(f"     {hit.title_display}")
        if hit.article:
            click.echo(f"     Điều {hit.article.number}" + (f". {hit.article.title}" if hit.article.title else ""))
        if hit.snippet:
            click.echo(f"     {hit.snippet}")
        click.echo(f"     → {hit.slug}" + (f"#{hit.article.anchor}" if hit.article else ""))


COMMANDS = [index_command, search_command]
