"""Actions that change data — import a file, crawl a URL — behind the admin token.

Off unless ``KB_ADMIN_TOKEN`` (config ``ADMIN_TOKEN``) is set; then every
request must carry the token (``Authorization: Bearer …`` or a ``token``
form field).  The command line (``kb import``, ``kb crawl``) remains the
usual way; these exist for an administrator without a shell.
"""
from __future__ import annotations

from flask import Blueprint, abort, current_app, jsonify, render_template, request

from kb.errors import KbError
from webapp import backend as kb
from webapp.security import admin_enabled, require_admin

bp = Blueprint("admin", __name__, url_prefix="/quan-tri")


@bp.route("/")
def page():
    return render_template("admin.html", enabled=admin_enabled())


@bp.route("/nhap", methods=["POST"])
def import_file():
    require_admin()
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        abort(400, description="Chưa chọn tệp.")
    from kb.importers import ParserBusy

    try:
        result = kb.import_upload(upload.read(), upload.filename, upload.mimetype)
    except ParserBusy as exc:
        abort(503, description=str(exc))
    except KbError as exc:
        abort(400, description=f"Không nhập được tệp: {exc}")
    return _done({"status": result.status, "slug": result.slug})


@bp.route("/thu-thap", methods=["POST"])
def crawl():
    require_admin()
    url = (request.values.get("url") or "").strip()
    from webapp.fetch import FetchRefused, check_url

    try:
        check_url(url, frozenset(current_app.config["FETCH_ALLOW_ADDRESSES"]))
    except FetchRefused as exc:
        abort(400, description=str(exc))
    try:
        summary = kb.crawl_page(url)
    except KbError as exc:
        abort(400, description=f"Không thu thập được: {exc}")
    return _done({"status": "failed" if summary.all_failed else "ok", "summary": summary.lines()})


def _done(payload: dict):
    if request.accept_mimetypes.best == "application/json" or request.headers.get("Authorization"):
        return jsonify(payload)
    return render_template("admin.html", enabled=True, result=payload)
