"""Friendly Vietnamese error pages (and JSON errors under ``/api``), never a traceback.

Views raise ``abort(code, description=…)`` with a message for the user; this
module turns that, and anything unexpected, into a page with the right status.
"""
from __future__ import annotations

from flask import jsonify, make_response, render_template, request
from werkzeug.exceptions import HTTPException, InternalServerError

from webapp.backend import IndexBroken, IndexMissing

TITLES = {
    400: "Yêu cầu không hợp lệ",
    401: "Cần mã quản trị",
    403: "Không được phép",
    404: "Không tìm thấy trang",
    405: "Phương thức không được hỗ trợ",
    408: "Quá thời gian chờ",
    413: "Dữ liệu gửi lên quá lớn",
    414: "Địa chỉ quá dài",
    415: "Định dạng không được hỗ trợ",
    429: "Quá nhiều yêu cầu",
    431: "Phần đầu yêu cầu quá lớn",
    500: "Lỗi máy chủ",
    502: "Không tải được trang nguồn",
    503: "Dịch vụ chưa sẵn sàng",
    504: "Trang nguồn không trả lời kịp",
}

# Werkzeug's English descriptions are replaced by these when a view gave none.
DEFAULT_MESSAGES = {
    400: "Yêu cầu gửi lên không đúng dạng.",
    401: "Thao tác này cần mã quản trị.",
    403: "Bạn không có quyền thực hiện thao tác này.",
    404: "Trang hoặc văn bản bạn tìm không có trong cơ sở dữ liệu.",
    405: "Trang này không nhận phương thức yêu cầu đó.",
    413: "Tệp hoặc văn bản gửi lên vượt quá giới hạn cho phép.",
    414: "Địa chỉ (URL) quá dài.",
    431: "Phần đầu yêu cầu quá lớn.",
    500: "Đã có lỗi không mong muốn. Lỗi đã được ghi lại; xin thử lại sau.",
    503: "Dịch vụ tạm thời chưa sẵn sàng.",
}


def wants_json() -> bool:
    return request.path.startswith("/api/") or request.path.endswith(".json")


def error_response(status: int, message: str | None = None):
    title = TITLES.get(status) or "Lỗi"
    message = message or DEFAULT_MESSAGES.get(status) or title
    if wants_json():
        response = jsonify({"error": {"status": status, "title": title, "message": message}})
    else:
        response = render_template("error.html", status=status, title=title, message=message)
    response = make_response(response)
    response.status_code = status
    return response


def _is_werkzeug_default(exc: HTTPException) -> bool:
    return exc.description == type(exc).description


def handle_http(exc: HTTPException):
    if exc.code is None or exc.code < 400:  # redirects raised as exceptions
        return exc
    message = None if _is_werkzeug_default(exc) else exc.description
    response = error_response(exc.code, message)
    if exc.code == 405 and exc.valid_methods:
        response.headers["Allow"] = ", ".join(exc.valid_methods)
    return response


def handle_index_missing(exc: IndexMissing):
    if isinstance(exc, IndexBroken):
        return error_response(
            503,
            "Tìm kiếm tạm ngừng: chỉ mục tìm kiếm bị hỏng. Văn bản, trình liên kết và API vẫn dùng được. "
            "Người quản trị cần chạy: python -m kb index --rebuild",
        )
    return error_response(
        503,
        "Chưa có chỉ mục tìm kiếm. Người quản trị cần chạy: python -m kb index",
    )


def handle_unexpected(exc: Exception):
    if isinstance(exc, HTTPException):
        return handle_http(exc)
    from flask import current_app

    current_app.logger.exception("Lỗi không mong muốn khi xử lý %s", request.path)
    return error_response(500)


def init_app(app) -> None:
    app.register_error_handler(HTTPException, handle_http)
    app.register_error_handler(IndexMissing, handle_index_missing)
    app.register_error_handler(Exception, handle_unexpected)
    # Flask's own 500 wrapper, for errors raised while handling errors.
    app.register_error_handler(InternalServerError, handle_http)
