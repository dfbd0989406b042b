"""Headers every response carries, and the admin token check.

The site runs no JavaScript at all, so the content security policy can forbid
scripts outright; styles come only from our own stylesheet (SVG presentation
attributes are not styles, so the citation graph still draws).
"""
from __future__ import annotations

import hmac
import threading
import time
from collections import defaultdict, deque

from flask import abort, current_app, request

from kb.errors import KbError

# An admin token shorter than this is refused when the app is built.
MIN_TOKEN_CHARS = 16
# Wrong guesses: after MAX_FAILURES from one address within FAILURE_WINDOW seconds, that
# address gets 429 (without the token being checked) until the window has passed.  No
# sleeping: a guesser must not be able to hold the request threads searches need.
MAX_FAILURES = 5
FAILURE_WINDOW = 60.0

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


def check_token_setting(token) -> None:
    """Refuse a short admin token at start-up (a KbError: one line, ``kb serve`` exits 1)."""
    if token and len(str(token)) < MIN_TOKEN_CHARS:
        raise KbError(f"KB_ADMIN_TOKEN quá ngắn ({len(str(token))} ký tự; cần ít nhất {MIN_TOKEN_CHARS}, "
                      "nên dùng chuỗi ngẫu nhiên, ví dụ: python -c \"import secrets; print(secrets.token_urlsafe(24))\").")


class _Failures:
    """Recent wrong guesses per client address (bounded: old entries age out)."""

    def __init__(self):
        self._seen: dict[str, deque] = defaultdict(deque)
        self._lock = threading.Lock()

    def _recent(self, who: str, now: float) -> deque:
        times = self._seen[who]
        while times and now - times[0] > FAILURE_WINDOW:
            times.popleft()
        return times

    def blocked_for(self, who: str) -> float:
        now = time.monotonic()
        with self._lock:
            times = self._recent(who, now)
            if len(times) >= MAX_FAILURES:
                return FAILURE_WINDOW - (now - times[0])
            if not times:
                self._seen.pop(who, None)
            return 0.0

    def record(self, who: str) -> None:
        now = time.monotonic()
        with self._lock:
            self._recent(who, now).append(now)
            if len(self._seen) > 10_000:  # many addresses: forget the oldest
                for key in list(self._seen)[:1000]:
                    del self._seen[key]


def require_admin() -> None:
    """Abort unless the request carries the configured admin token.

    Off (403) when no token is configured; the token comes in an
    ``Authorization: Bearer …`` header or a ``token`` form field (which also
    makes the forms safe from cross-site posting).  Repeated wrong guesses from
    one address are answered 429 for a while.
    """
    expected = current_app.config.get("ADMIN_TOKEN")
    if not expected:
        abort(403, description="Chức năng thay đổi dữ liệu đang tắt trên web "
              "(đặt biến môi trường KB_ADMIN_TOKEN để bật).")
    failures: _Failures = current_app.extensions["kb_admin_failures"]
    who = request.remote_addr or "?"
    wait = failures.blocked_for(who)
    if wait > 0:
        abort(429, description=f"Nhập sai mã quản trị quá nhiều lần; hãy thử lại sau {wait:.0f} giây.")
    given = ""
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("bearer "):
        given = header[7:].strip()
    else:
        given = request.form.get("token", "")
    if not hmac.compare_digest(given.encode(), str(expected).encode()):
        failures.record(who)
        abort(401, description="Mã quản trị không đúng.")


def init_app(app) -> None:
    check_token_setting(app.config.get("ADMIN_TOKEN"))
    app.extensions["kb_admin_failures"] = _Failures()
    app.after_request(add_headers)
