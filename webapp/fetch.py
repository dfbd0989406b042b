"""Fetch a plan given by URL: public addresses only, bounded in time, size and number.

The page itself is fetched by the crawler's polite client (``kb.scrape.http``),
which applies the one address policy (:func:`kb.scrape.http.public_address`) on
every hop and connects to the address it checked.  This module refuses early
what the client would refuse anyway (with the web's messages), stops waiting
after ``FETCH_TIMEOUT`` seconds whatever the client does, and lets at most
``FETCH_CONCURRENCY`` fetches run at once per process: a slow site cannot take
every request thread (searches would wait behind it); one fetch too many is
answered 503 at once.
"""
from __future__ import annotations

import socket
import threading
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass

from kb.errors import KbError


class FetchRefused(KbError):
    """The URL may not be fetched (scheme, private address …): HTTP 400."""


class FetchFailed(KbError):
    """The URL could not be fetched in time or at all: HTTP 502/504."""

    def __init__(self, message: str, status: int = 502):
        super().__init__(message)
        self.status = status


@dataclass
class Fetched:
    url: str
    body: bytes
    content_type: str | None


class FetchBusy(KbError):
    """Too many fetches running in this process: HTTP 503, try again later."""


# The fetches of this process: a slot is held until the fetch really ends (even
# when the request stopped waiting for it), so slow sites cannot pile up threads.
_POOL = None
_SLOTS: threading.BoundedSemaphore | None = None
_SLOTS_SIZE = 0
_LOCK = threading.Lock()


def _pool_and_slots(concurrency: int) -> tuple[ThreadPoolExecutor, threading.BoundedSemaphore]:
    global _POOL, _SLOTS, _SLOTS_SIZE
    with _LOCK:
        if _POOL is None:
            _POOL = ThreadPoolExecutor(max_workers=8, thread_name_prefix="kb-fetch")
        if _SLOTS is None or _SLOTS_SIZE != concurrency:
            _SLOTS, _SLOTS_SIZE = threading.BoundedSemaphore(concurrency), concurrency
        return _POOL, _SLOTS


def _is_public(address: str) -> bool:
    from kb.scrape.http import public_address

    return public_address(address)


def check_url(url: str, allowed: frozenset[str] = frozenset()) -> str:
    """The URL if it may be fetched, else :class:`FetchRefused` with the reason in Vietnamese."""
    url = (url or "").strip()
    if len(url) > 2000:
        raise FetchRefused("Địa chỉ (URL) quá dài.")
    from kb.scrape.http import split_url

    try:
        parts, port = split_url(url)
    except ValueError:
        raise FetchRefused("Địa chỉ (URL) không hợp lệ.") from None
    if parts.scheme not in ("http", "https"):
        raise FetchRefused("Chỉ tải được địa chỉ bắt đầu bằng http:// hoặc https://.")
    host = parts.hostname
    if not host:
        raise FetchRefused("Địa chỉ (URL) thiếu tên máy chủ.")
    if parts.username is not None or parts.password is not None:
        raise FetchRefused("Địa chỉ có kèm tên đăng nhập hoặc mật khẩu không được chấp nhận.")
    try:
        infos = socket.getaddrinfo(host, port or (443 if parts.scheme == "https" else 80),
                                   proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError):
        raise FetchRefused(f"Không tìm thấy máy chủ {host}.") from None
    addresses = {info[4][0] for info in infos}
    if not addresses or not all(_is_public(a) or a in allowed for a in addresses):
        raise FetchRefused("Không tải địa chỉ nội bộ (mạng riêng, localhost): chỉ địa chỉ công khai.")
    return url


def make_client(*, timeout: float, max_bytes: int, allowed: frozenset[str] = frozenset()):
    """The crawler's polite client, configured for one-off fetches on a user's behalf."""
    from kb.scrape.http import PoliteClient

    return PoliteClient(
        deadline=timeout,
        connect_timeout=min(10.0, timeout),
        read_timeout=min(15.0, timeout),
        max_bytes=max_bytes,
        retries=1,
        max_retry_after=min(5.0, timeout),
        allow_addresses=tuple(allowed),
    )


def fetch(url: str, client, *, timeout: float, allowed: frozenset[str] = frozenset(),
          concurrency: int = 2) -> Fetched:
    """Fetch ``url`` with ``client``; refuses private addresses, waits at most ``timeout`` (+1 s);
    :class:`FetchBusy` at once when ``concurrency`` fetches are running already."""
    url = check_url(url, allowed)
    pool, slots = _pool_and_slots(concurrency)
    if not slots.acquire(blocking=False):
        raise FetchBusy("Máy chủ đang tải nhiều trang nguồn cùng lúc; xin thử lại sau ít phút "
                        "(hoặc tải tệp lên / dán nội dung thay cho địa chỉ).")
    try:
        future = pool.submit(_fetch_with_client, client, url, timeout, slots)
    except BaseException:
        slots.release()
        raise
    try:
        return future.result(timeout=timeout + 1)
    except FutureTimeout:
        future.cancel()
        raise FetchFailed(f"Trang nguồn không trả lời trong {timeout:g} giây.", 504) from None


def _fetch_with_client(client, url: str, timeout: float, slots=None) -> Fetched:
    try:
        return _fetch_now(client, url, timeout)
    finally:
        if slots is not None:
            slots.release()


def _fetch_now(client, url: str, timeout: float) -> Fetched:
    from kb.scrape.http import FetchError

    try:
        result = client.fetch(url, deadline=timeout)
    except FetchError as exc:
        if exc.reason in ("bad_url", "forbidden_site", "private_address", "robots"):
            raise FetchRefused(exc.message) from exc
        status = {"timeout": 504, "deadline": 504, "too_large": 413}.get(exc.reason, 502)
        raise FetchFailed(exc.message, status) from exc
    except KbError as exc:
        raise FetchFailed(str(exc)) from exc
    return Fetched(url=result.url, body=result.body, content_type=result.headers.get("content-type"))
