"""The plan linker: ``/lien-ket`` (form and result), its CSV, ``/api/link`` and ``/api/cite``.

A plan arrives as pasted text, an uploaded file or a URL; it leaves with every
citation linked and a table of the documents it cites.  Nothing is saved.
"""
from __future__ import annotations

from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from flask import Blueprint, Response, abort, current_app, jsonify, render_template, request, url_for

from kb.errors import KbError
from webapp import backend as kb
from webapp.fetch import FetchBusy, FetchFailed, FetchRefused, fetch
from webapp.linking import STATUS_LABELS, link_plan, plan_csv

bp = Blueprint("linker", __name__)

UPLOAD_SUFFIXES = (".txt", ".md", ".html", ".htm", ".docx", ".pdf")
CONTENT_SUFFIXES = {
    "application/pdf": ".pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "text/plain": ".txt",
    "text/markdown": ".md",
}


class PlanInput:
    """The plan's text and where it came from."""

    def __init__(self, text: str, origin: str, name: str | None = None):
        self.text = text
        self.origin = origin  # "text", "file", "url"
        self.name = name


def _read_bytes(data: bytes, filename: str, content_type: str | None) -> str:
    from kb.importers import ParserBusy, read_bytes

    try:
        return read_bytes(data, filename, content_type, max_chars=current_app.config["MAX_LINK_CHARS"],
                          limits=kb.parse_limits()).text
    except ParserBusy as exc:
        abort(503, description=str(exc))
    except KbError as exc:
        abort(400, description=f"Không đọc được tệp: {exc}")


def _from_file(upload) -> PlanInput:
    filename = upload.filename or "ke-hoach.txt"
    suffix = PurePosixPath(filename.lower()).suffix
    if suffix not in UPLOAD_SUFFIXES:
        abort(415, description="Chỉ nhận tệp .docx, .pdf, .html, .txt hoặc .md.")
    data = upload.read(current_app.config["MAX_CONTENT_LENGTH"] + 1)
    if len(data) > current_app.config["MAX_CONTENT_LENGTH"]:
        abort(413)
    if not data:
        abort(400, description="Tệp tải lên rỗng.")
    return PlanInput(_read_bytes(data, filename, upload.mimetype), "file", filename)


def _from_url(url: str) -> PlanInput:
    config = current_app.config
    try:
        fetched = fetch(url, kb.backend().fetch_client(), timeout=config["FETCH_TIMEOUT"],
                        allowed=frozenset(config["FETCH_ALLOW_ADDRESSES"]),
                        concurrency=config["FETCH_CONCURRENCY"])
    except FetchBusy as exc:
        abort(503, description=str(exc))
    except FetchRefused as exc:
        abort(400, description=str(exc))
    except FetchFailed as exc:
        abort(exc.status, description=str(exc))
    name = unquote(PurePosixPath(urlsplit(fetched.url).path).name) or "index"
    if PurePosixPath(name.lower()).suffix not in UPLOAD_SUFFIXES:
        # The importer goes by the suffix: take it from the content type.
        kind = (fetched.content_type or "").split(";")[0].strip().lower()
        name += CONTENT_SUFFIXES.get(kind, ".html")
    return PlanInput(_read_bytes(fetched.body, name, fetched.content_type), "url", fetched.url)


def read_plan(allow_empty: bool = False) -> PlanInput | None:
    """The plan from a form (text, file, url), a JSON body or a plain-text body."""
    config = current_app.config
    if request.is_json:
        try:
            body = request.get_json(silent=True)
        except RecursionError:  # nested thousands deep: not a plan
            body = None
        if not isinstance(body, dict):
            abort(400, description="Thân JSON phải là một đối tượng có trường \"text\" hoặc \"url\".")
        text, url, upload = body.get("text"), body.get("url"), None
        if text is not None and not isinstance(text, str) or url is not None and not isinstance(url, str):
            abort(400, description="\"text\" và \"url\" phải là chuỗi.")
    elif request.mimetype in ("text/plain", "text/markdown"):
        text, url, upload = request.get_data(as_text=True), None, None
    else:
        text = request.values.get("text")
        url = request.values.get("url")
        upload = request.files.get("file")
    if upload is not None and upload.filename:
        plan = _from_file(upload)
    elif url and url.strip():
        plan = _from_url(url)
    elif text and text.strip():
        plan = PlanInput(text.replace("\r\n", "\n"), "text")
    elif allow_empty:
        return None
    else:
        abort(400, description="Hãy dán nội dung kế hoạch, chọn một tệp hoặc nhập địa chỉ (URL).")
    if len(plan.text) > config["MAX_LINK_CHARS"]:
        abort(413, description=f"Văn bản quá dài (tối đa {config['MAX_LINK_CHARS']:,} ký tự).")
    if not plan.text.strip():
        abort(400, description="Không có chữ nào trong nội dung gửi lên.")
    return plan


def _link(plan: PlanInput, external: bool = False):
    """Link ``plan``; absolute URLs for the API (its HTML is used on other pages)."""
    return link_plan(
        plan.text,
        kb.store(),
        doc_href=lambda slug: url_for("documents.page", slug=slug, _external=external),
        search_href=lambda q: url_for("search.index", q=q[:200], _external=external),
    )


def _external(path: str) -> str:
    if path.startswith(("http://", "https://")):
        return path
    return request.host_url.rstrip("/") + path


@bp.route("/lien-ket", methods=["GET", "POST"])
def page():
    if request.method == "GET":
        return render_template("linker.html", plan=None, source=None, status_labels=STATUS_LABELS)
    source = read_plan()
    return render_template("linker.html", plan=_link(source), source=source, status_labels=STATUS_LABELS)


@bp.route("/lien-ket/csv", methods=["POST"])
def csv_export():
    plan = _link(read_plan())
    body = plan_csv(plan, _external)
    return Response(body, mimetype="text/csv",
                    headers={"Content-Disposition": 'attachment; filename="van-ban-duoc-dan-chieu.csv"'})


@bp.route("/api/link", methods=["POST"])
def api_link():
    source = read_plan()
    plan = _link(source, external=True)
    return jsonify(plan.to_json(_external, {"origin": source.origin, "name": source.name, "chars": len(source.text)}))


@bp.route("/api/cite", methods=["GET", "POST"])
def api_cite():
    from kb.citations import get_citations

    if request.method == "GET":
        text = request.args.get("text", "")
        if len(text) > current_app.config["MAX_LINK_CHARS"]:
            abort(413)
        if not text.strip():
            abort(400, description="Thiếu tham số text.")
        plan = PlanInput(text, "text")
    else:
        plan = read_plan()
    return jsonify({"citations": [c.to_json() for c in get_citations(plan.text)]})
