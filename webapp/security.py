"""Headers every response carries, and the admin token check.

The site runs no JavaScript at all, so the content security policy can forbid
scripts outright; styles come only from our own stylesheet (SVG presentation
attributes are not styles, so the citation graph still draws).
"""
from __future__ import annotations

import hmac

from flask import abort, current_app, request

CSP = "; ".join(
    [
        "default-src 'none'",
        "style-src 'self'",
        "img-src 'self' data:",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ]
)

HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


def add_headers(response):
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def admin_enabled() -> bool:
    return bool(current_app.config.get("ADMIN_TOKEN"))


def require_admin() -> None:
    """Abort unless the request carries the configured admin token.

    Off (403) when no token is configured; the token comes in an
    ``Authorization: Bearer …`` header or a ``token`` form field (which also
    makes the forms safe from cross-site posting).
    """
    expected = current_app.config.get("ADMIN_TOKEN")
    if not expected:
        abort(403, description="Chức năng thay đổi dữ liệu đang tắt trên web "
              "(đặt biến môi trường KB_ADMIN_TOKEN để bật).")
    given = ""
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("bearer "):
        given = header[7:].strip()
    else:
        given = request.form.get("token", "")
    if not hmac.compare_digest(given.encode(), str(expected).encode()):
        abort(401, description="Mã quản trị không đúng.")


def init_app(app) -> None:
    app.after_request(add_headers)
