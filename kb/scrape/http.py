"""A polite HTTP client: the only way Căn cứ reads the web.

``fetch(url) -> FetchResult`` (or a :class:`PoliteClient` for several
requests with shared state) does, in this order, for every hop of a request:

* refuse sites that forbid robots outright (thuvienphapluat.vn) and URLs that
  are not ``http``/``https``;
* resolve the host and refuse private, loopback, link-local, reserved,
  multicast and unspecified addresses (every address the name resolves to,
  again on every redirect, and the address actually connected to), unless
  the client was told to allow them (``allow_private=True`` or an explicit
  ``allow_addresses={"127.0.0.1"}``);
* obey robots.txt (RFC 9309: a 4xx robots.txt allows everything, an
  unreachable or 5xx one forbids everything) and its ``Crawl-delay``;
* wait so that one host sees at most one request per ``delay`` seconds;
* GET with connect/read timeouts, a total deadline and a size cap (the body
  is streamed and the download stops at the cap);
* retry 429 and 5xx answers and dropped connections with exponential
  backoff, honouring ``Retry-After`` up to ``max_retry_after`` seconds (a
  longer demand is a failure, not a reason to hammer the server);
* send ``If-None-Match`` / ``If-Modified-Since`` when the caller passes the
  previously stored raw page, and answer a 304 with that page's body;
* follow redirects itself, so that each hop is checked, and stop at a loop
  or after ``max_redirects`` hops;
* decode the body: BOM, valid UTF-8, declared charset (header, then
  ``<meta>``), Windows-1258, chosen by how Vietnamese the result reads.

Every failure raises :class:`FetchError` with a ``reason`` code and a
one-line Vietnamese message.  Nothing a page contains is ever executed.
"""
from __future__ import annotations

import email.utils
import ipaddress
import os
import re
import socket
import threading
import time
import urllib.robotparser
from dataclasses import dataclass, field
from datetime import datetime, timezone
from urllib.parse import urljoin, urlsplit, urlunsplit

import requests

from kb.errors import KbError
# One home for decoding bytes: kb.importers.encoding (``decode_page`` for web pages).
from kb.importers.encoding import decode_page as decode_body

__all__ = [
    "FetchError",
    "FetchResult",
    "PoliteClient",
    "decode_body",
    "default_client",
    "fetch",
    "USER_AGENT",
]

VERSION = "0.1"
CONTACT = os.environ.get("KB_CONTACT", "https://github.com/can-cu/can-cu/issues")
# Header values must be Latin-1, hence "Can cu" without its accents here.
USER_AGENT = f"CanCuBot/{VERSION} (+Can cu - co so tri thuc van ban phap luat; contact: {CONTACT})"
ROBOTS_AGENT = "CanCuBot"

# Sites whose robots policy forbids crawlers like us; refused before any request.
FORBIDDEN_SITES = ("thuvienphapluat.vn",)

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


class FetchError(KbError):
    """A URL could not be fetched; ``reason`` is a stable code, str() the message.

    Reasons: ``bad_url``, ``forbidden_site``, ``private_address``, ``dns``,
    ``robots``, ``timeout``, ``deadline``, ``connection``, ``incomplete``,
    ``too_large``, ``http_status``, ``retry_after``, ``redirect_loop``,
    ``too_many_redirects``.
    """

    def __init__(self, url: str, reason: str, message: str, status: int | None = None):
        super().__init__(f"{message} ({url})")
        self.url = url
        self.reason = reason
        self.message = message
        self.status = status


@dataclass
class FetchResult:
    """One fetched page.  ``body`` is the raw bytes; ``text`` the decoded text."""

    url: str  # final URL, after redirects
    requested_url: str
    status: int  # 200, or 304 when ``not_modified`` (body then from ``previous``)
    headers: dict[str, str]
    body: bytes
    encoding: str | None
    fetched_at: str  # ISO 8601, UTC
    elapsed: float
    redirects: list[str] = field(default_factory=list)
    not_modified: bool = False
    attempts: int = 1

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def is_html(self) -> bool:
        ct = self.content_type
        if ct in ("text/html", "application/xhtml+xml"):
            return True
        if ct in ("", "application/octet-stream", "text/plain"):
            return self.body[:512].lstrip().lower().startswith((b"<!doctype html", b"<html", b"<!--"))
        return False

    @property
    def text(self) -> str:
        return decode_body(self.body, self.headers.get("content-type"))[0]


# ---------------------------------------------------------------- addresses


def _forbidden_site(host: str) -> str | None:
    host = host.lower().rstrip(".")
    for site in FORBIDDEN_SITES:
        if host == site or host.endswith("." + site):
            return site
    return None


# Not reachable on the public Internet, or reaching inside: refused whatever
# ``is_global`` says (its answer changed between Python versions).
_REFUSED_NETWORKS = tuple(
    ipaddress.ip_network(n)
    for n in (
        "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
        "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15",
        "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
        "::/96", "::ffff:0:0/96", "64:ff9b:1::/48", "100::/64", "2001::/23", "2001:db8::/32",
        "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8",
    )
)
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def public_address(address) -> bool:
    """The one address policy (crawler and web linker): a public unicast address.

    IPv6 forms that carry an IPv4 address (mapped ``::ffff:a.b.c.d``, 6to4
    ``2002::/16``, NAT64 ``64:ff9b::/96``) are judged by that IPv4 address.
    """
    ip = ipaddress.ip_address(str(address).split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour
        if embedded is None and ip in _NAT64:
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None:
            return public_address(embedded)
    if any(ip in network for network in _REFUSED_NETWORKS if network.version == ip.version):
        return False
    return ip.is_global and not ip.is_multicast


def split_url(url: str):
    """``urlsplit`` with its port checked: ``(parts, port)``, or ValueError for a malformed
    URL (``http://[::1``, a port above 65535, a bad IPv6 literal)."""
    parts = urlsplit(url.strip())
    port = parts.port  # raises ValueError for a port out of range or not a number
    if parts.hostname and ":" in parts.hostname:
        ipaddress.IPv6Address(parts.hostname.split("%", 1)[0])  # raises ValueError if malformed
    return parts, port


_PINNED_NAME = "X-Kb-Pinned-Name"  # internal: never sent (removed by the adapter)


class _PinnedAdapter(requests.adapters.HTTPAdapter):
    """Connects to the address the client checked, not to a second DNS answer.

    The request URL carries the checked IP; the real host name travels in an
    internal header, used for the TLS server name (SNI) and certificate check,
    and removed before sending (the ``Host`` header is set by the client).
    """

    def build_connection_pool_key_attributes(self, request, verify, cert=None):
        host_params, pool_kwargs = super().build_connection_pool_key_attributes(request, verify, cert)
        name = request.headers.get(_PINNED_NAME)
        if name and host_params.get("scheme") == "https":
            pool_kwargs["server_hostname"] = name
            pool_kwargs["assert_hostname"] = name
        return host_params, pool_kwargs

    def add_headers(self, request, **kwargs):
        request.headers.pop(_PINNED_NAME, None)


# ---------------------------------------------------------------- the client


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass(kw_only=True, eq=False)
class Manners:
    """The client's settings, declared once: delays in seconds, sizes in bytes."""

    delay: float = 1.0
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    deadline: float = 120.0
    max_bytes: int = 50 * 1024 * 1024
    retries: int = 3
    backoff: float = 1.0
    max_retry_after: float = 120.0
    max_redirects: int = 10
    max_crawl_delay: float = 30.0
    respect_robots: bool = True
    allow_private: bool = False
    user_agent: str = USER_AGENT


class PoliteClient(Manners):
    """HTTP GET with the manners described in the module docstring.

    Thread-safe: several threads may share one client; the per-host pacing
    then holds across them.  Settings: :class:`Manners`; the rest are the
    addresses let through despite being private, and seams for the tests.
    """

    def __init__(
        self,
        *,
        allow_addresses: tuple[str, ...] | set[str] | frozenset[str] = (),
        sleep=time.sleep,
        session: requests.Session | None = None,
        resolver=socket.getaddrinfo,
        **manners,
    ):
        super().__init__(**manners)
        self.allow_addresses = {ipaddress.ip_address(a) for a in allow_addresses}
        self._sleep = sleep
        self._resolver = resolver
        self._session = session or requests.Session()
        for prefix in ("http://", "https://"):
            self._session.mount(prefix, _PinnedAdapter())
        self._session.headers.update(
            {
                "User-Agent": self.user_agent,
                "Accept": "text/html,application/xhtml+xml,application/pdf,*/*;q=0.8",
                "Accept-Language": "vi,en;q=0.5",
            }
        )
        self._lock = threading.Lock()
        self._next_slot: dict[str, float] = {}
        self._robots: dict[str, urllib.robotparser.RobotFileParser | FetchError] = {}
        self._host_delay: dict[str, float] = {}  # robots.txt Crawl-delay, capped
        self.requests_made = 0

    # -- public API ---------------------------------------------------------

    def fetch(self, url: str, *, previous=None, deadline: float | None = None,
              data: bytes | None = None, headers: dict | None = None) -> FetchResult:
        """GET ``url``; ``previous`` (a stored raw page with ``.headers`` and
        ``.body``) makes the request conditional.  ``deadline`` (seconds)
        overrides the client's total time limit for this call.  ``data`` makes
        it a POST of those bytes (JSON APIs, ASP.NET postbacks) under the same
        rules; ``headers`` are added to the request (e.g. its Content-Type)."""
        try:
            return self._fetch(url, previous, deadline, data, headers)
        except FetchError as exc:
            if exc.url != url:  # failed on a redirect hop or robots.txt: name both
                raise FetchError(url, exc.reason, f"{exc.message} (tại {exc.url})", exc.status) from None
            raise

    def _fetch(self, url: str, previous, deadline: float | None, data: bytes | None = None,
               extra_headers: dict | None = None) -> FetchResult:
        started = time.monotonic()
        limit = started + (self.deadline if deadline is None else deadline)
        current = self._check_url(url)
        seen = {current}
        redirects: list[str] = []
        attempts_total = 0
        while True:
            self._check_host(current)  # a refused address fails as such, before robots.txt
            self._check_robots(current, limit)
            response, body, attempts = self._get_with_retries(
                current, previous if not redirects else None, limit,
                data=data if not redirects else None, extra_headers=extra_headers,
            )
            attempts_total += attempts
            status = response.status_code
            headers = {k.lower(): v for k, v in response.headers.items()}
            if status in REDIRECT_STATUSES and headers.get("location"):
                try:
                    joined = urljoin(current, headers["location"])
                except ValueError as exc:
                    raise FetchError(url, "bad_url", f"chuyển hướng tới địa chỉ không hợp lệ ({exc})", status) from None
                target = self._check_url(joined)
                if target in seen:
                    raise FetchError(url, "redirect_loop", f"chuyển hướng vòng lặp (quay lại {target})", status)
                if len(redirects) >= self.max_redirects:
                    raise FetchError(url, "too_many_redirects", f"quá {self.max_redirects} lần chuyển hướng", status)
                seen.add(target)
                redirects.append(current)
                current = target
                continue
            elapsed = time.monotonic() - started
            if status == 304 and previous is not None:
                merged = dict({k.lower(): v for k, v in (previous.headers or {}).items()})
                merged.update(headers)
                return FetchResult(
                    url=current,
                    requested_url=url,
                    status=304,
                    headers=merged,
                    body=previous.body,
                    encoding=None,
                    fetched_at=_now(),
                    elapsed=elapsed,
                    redirects=redirects,
                    not_modified=True,
                    attempts=attempts_total,
                )
            if status >= 400:
                raise FetchError(url, "http_status", f"máy chủ trả lời HTTP {status}", status)
            result = FetchResult(
                url=current,
                requested_url=url,
                status=status,
                headers=headers,
                body=body,
                encoding=None,
                fetched_at=_now(),
                elapsed=elapsed,
                redirects=redirects,
                attempts=attempts_total,
            )
            if body and ("text" in result.content_type or result.is_html or not result.content_type):
                result.encoding = decode_body(body, headers.get("content-type"))[1]
            return result

    # -- checks -------------------------------------------------------------

    def _check_url(self, url: str) -> str:
        try:
            parts, _port = split_url(url)
        except ValueError as exc:
            raise FetchError(url, "bad_url", f"địa chỉ không hợp lệ ({exc})") from None
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError(url, "bad_url", "chỉ tải được địa chỉ http:// hoặc https://")
        if parts.username is not None or parts.password is not None:
            raise FetchError(url, "bad_url", "địa chỉ có kèm tên đăng nhập hoặc mật khẩu: không tải")
        site = _forbidden_site(parts.hostname)
        if site:
            raise FetchError(url, "forbidden_site", f"{site} cấm thu thập tự động (robots); Căn cứ không tải trang này")
        # Fragments never reach the server; dropping them makes URLs comparable.
        return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", parts.query, ""))

    def _address_allowed(self, address: ipaddress._BaseAddress) -> bool:
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
            address = address.ipv4_mapped
        return self.allow_private or address in self.allow_addresses or public_address(address)

    def _check_host(self, url: str) -> str:
        """Resolve the host once and check every address; the one to connect to."""
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = parts.port or (443 if parts.scheme == "https" else 80)
        try:
            infos = self._resolver(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError, OSError) as exc:
            raise FetchError(url, "dns", f"không tìm thấy máy chủ {host} ({exc})") from None
        addresses = [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]
        if not addresses:
            raise FetchError(url, "dns", f"không tìm thấy máy chủ {host}")
        for address in addresses:
            if not self._address_allowed(address):
                raise FetchError(
                    url, "private_address", f"từ chối địa chỉ nội bộ/riêng {address} của {host}"
                )
        return str(addresses[0])

    def _pinned(self, url: str) -> tuple[str, dict]:
        """The URL to request (host replaced by its checked address) and the headers that
        name the real host; unchanged when a proxy from the environment is used."""
        address = self._check_host(url)
        if self._session.trust_env and requests.utils.get_environ_proxies(url):
            return url, {}  # the proxy resolves and connects; the name was checked
        parts = urlsplit(url)
        host = parts.hostname or ""
        literal = f"[{address}]" if ":" in address else address
        netloc = literal + (f":{parts.port}" if parts.port else "")
        host_header = (f"[{host}]" if ":" in host else host) + (f":{parts.port}" if parts.port else "")
        pinned = urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, ""))
        return pinned, {"Host": host_header, _PINNED_NAME: host}

    def _check_robots(self, url: str, limit: float) -> None:
        if not self.respect_robots:
            return
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        with self._lock:
            parser = self._robots.get(origin)
        if parser is None:
            parser = self._load_robots(origin, limit)
            with self._lock:
                self._robots[origin] = parser
        if isinstance(parser, FetchError):
            raise FetchError(url, "robots", parser.message)
        if not parser.can_fetch(ROBOTS_AGENT, url):
            raise FetchError(url, "robots", "robots.txt của trang cấm tải địa chỉ này")

    def _load_robots(self, origin: str, limit: float):
        robots_url = origin + "/robots.txt"
        parser = urllib.robotparser.RobotFileParser(robots_url)
        current = robots_url
        try:
            for _hop in range(6):  # RFC 9309: follow at least five redirects
                response, body, _ = self._get_with_retries(current, None, limit, retries=1)
                location = response.headers.get("Location")
                if response.status_code in REDIRECT_STATUSES and location:
                    try:
                        joined = urljoin(current, location)
                    except ValueError:
                        raise FetchError(current, "bad_url", "chuyển hướng tới địa chỉ không hợp lệ") from None
                    current = self._check_url(joined)
                    continue
                break
            else:
                return FetchError(robots_url, "robots", "robots.txt chuyển hướng quá nhiều lần: không tải gì ở trang này")
        except FetchError as exc:
            if exc.reason == "http_status" and exc.status and 400 <= exc.status < 500:
                parser.parse([])
                return parser
            return FetchError(robots_url, "robots", f"không đọc được robots.txt ({exc.message}): không tải gì ở trang này")
        if 400 <= response.status_code < 500:
            parser.parse([])  # RFC 9309: no robots.txt, no restriction
        elif response.status_code >= 300:
            return FetchError(robots_url, "robots", f"robots.txt trả lời HTTP {response.status_code}: không tải gì ở trang này")
        else:
            text = decode_body(body, response.headers.get("content-type"))[0]
            parser.parse(text.splitlines())
        delay = parser.crawl_delay(ROBOTS_AGENT)
        if delay:
            with self._lock:
                self._host_delay[urlsplit(origin).netloc] = min(float(delay), self.max_crawl_delay)
        return parser

    # -- pacing -------------------------------------------------------------

    def _wait_turn(self, url: str, limit: float) -> None:
        host = urlsplit(url).netloc
        with self._lock:
            interval = max(self.delay, self._host_delay.get(host, 0.0))
            now = time.monotonic()
            slot = max(now, self._next_slot.get(host, 0.0))
            self._next_slot[host] = slot + interval
        wait = slot - time.monotonic()
        if wait > 0:
            if time.monotonic() + wait > limit:
                raise FetchError(url, "deadline", "hết thời gian cho phép trước khi đến lượt tải")
            self._sleep(wait)

    # -- the request itself -------------------------------------------------

    def _get_with_retries(self, url: str, previous, limit: float, retries: int | None = None,
                          data: bytes | None = None, extra_headers: dict | None = None):
        retries = self.retries if retries is None else retries
        attempt = 0
        while True:
            attempt += 1
            try:
                response, body = self._get_once(url, previous, limit, data, extra_headers)
            except FetchError as exc:
                if exc.reason in ("timeout", "connection", "incomplete") and attempt <= retries:
                    self._pause(url, self.backoff * 2 ** (attempt - 1), limit, exc)
                    continue
                raise
            if response.status_code in RETRY_STATUSES:
                wait = self.backoff * 2 ** (attempt - 1)
                retry_after = _retry_after(response.headers.get("Retry-After"))
                if retry_after is not None:
                    if retry_after > self.max_retry_after:
                        raise FetchError(
                            url,
                            "retry_after",
                            f"HTTP {response.status_code}: máy chủ yêu cầu chờ {retry_after:.0f} giây "
                            f"(quá giới hạn {self.max_retry_after:.0f} giây)",
                            response.status_code,
                        )
                    wait = max(wait, retry_after)
                if attempt <= retries:
                    err = FetchError(url, "http_status", f"HTTP {response.status_code}", response.status_code)
                    self._pause(url, wait, limit, err)
                    continue
                raise FetchError(
                    url,
                    "http_status",
                    f"máy chủ trả lời HTTP {response.status_code} sau {attempt} lần thử",
                    response.status_code,
                )
            return response, body, attempt

    def _pause(self, url: str, wait: float, limit: float, cause: FetchError) -> None:
        if time.monotonic() + wait > limit:
            raise FetchError(
                url, cause.reason if cause.reason != "http_status" else "deadline",
                f"{cause.message}; hết thời gian cho phép để thử lại", cause.status,
            )
        self._sleep(wait)

    def _get_once(self, url: str, previous, limit: float, data: bytes | None = None,
                  extra_headers: dict | None = None):
        target, pinned_headers = self._pinned(url)  # resolved and checked before anything is sent
        self._wait_turn(url, limit)
        remaining = limit - time.monotonic()
        if remaining <= 0:
            raise FetchError(url, "deadline", "hết thời gian cho phép")
        headers = dict(extra_headers or {})
        if previous is not None:
            old = {k.lower(): v for k, v in (previous.headers or {}).items()}
            if old.get("etag"):
                headers["If-None-Match"] = old["etag"]
            if old.get("last-modified"):
                headers["If-Modified-Since"] = old["last-modified"]
        timeout = (min(self.connect_timeout, remaining), min(self.read_timeout, remaining))
        headers.update(pinned_headers)
        self.requests_made += 1
        try:
            response = self._session.request(
                "GET" if data is None else "POST", target, data=data, headers=headers,
                timeout=timeout, stream=True, allow_redirects=False,
            )
        except requests.exceptions.ConnectTimeout:
            raise FetchError(url, "timeout", f"không kết nối được trong {timeout[0]:g} giây") from None
        except requests.exceptions.ReadTimeout:
            raise FetchError(url, "timeout", f"máy chủ không trả lời trong {timeout[1]:g} giây") from None
        except requests.exceptions.SSLError as exc:
            raise FetchError(url, "connection", f"lỗi TLS/SSL ({_short(exc)})") from None
        except requests.exceptions.RequestException as exc:
            raise FetchError(url, "connection", f"lỗi kết nối ({_short(exc)})") from None
        except ValueError as exc:  # requests parses a redirect's Location even when not following it
            raise FetchError(url, "bad_url", f"chuyển hướng tới địa chỉ không hợp lệ ({exc})") from None
        try:
            if response.status_code in REDIRECT_STATUSES or response.status_code == 304:
                return response, b""
            if response.status_code >= 400:
                # Error bodies are not kept; read a little so the connection can be reused.
                return response, b""
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > self.max_bytes:
                raise FetchError(
                    url, "too_large", f"trang quá lớn ({int(declared):,} byte, giới hạn {self.max_bytes:,})"
                )
            chunks: list[bytes] = []
            size = 0
            try:
                for chunk in response.iter_content(64 * 1024):
                    size += len(chunk)
                    if size > self.max_bytes:
                        raise FetchError(
                            url, "too_large", f"trang vượt giới hạn {self.max_bytes:,} byte (đã dừng tải)"
                        )
                    if time.monotonic() > limit:
                        raise FetchError(url, "deadline", f"tải quá thời gian cho phép ({size:,} byte đã nhận)")
                    chunks.append(chunk)
            except requests.exceptions.ChunkedEncodingError as exc:
                raise FetchError(url, "incomplete", f"nội dung bị cắt ngắn ({size:,} byte đã nhận; {_short(exc)})") from None
            except requests.exceptions.ConnectionError as exc:
                text = str(exc)
                if "timed out" in text.lower():
                    raise FetchError(url, "timeout", f"máy chủ ngừng gửi dữ liệu quá {timeout[1]:g} giây") from None
                raise FetchError(url, "incomplete", f"kết nối bị ngắt giữa chừng ({size:,} byte đã nhận)") from None
            return response, b"".join(chunks)
        finally:
            response.close()


def _short(exc: Exception) -> str:
    text = str(exc)
    text = re.sub(r"<urllib3[^>]*>", "", text)
    return text[:160]


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


_default: PoliteClient | None = None
_default_lock = threading.Lock()


def default_client() -> PoliteClient:
    """The process-wide client (pacing and robots shared by all callers)."""
    global _default
    with _default_lock:
        if _default is None:
            from kb import config

            _default = PoliteClient(delay=config.crawl_delay(), allow_addresses=config.allow_addresses())
        return _default


def fetch(url: str, *, previous=None, deadline: float | None = None, client: PoliteClient | None = None,
          data: bytes | None = None, headers: dict | None = None) -> FetchResult:
    """Fetch one URL politely (see the module docstring); raises FetchError."""
    return (client or default_client()).fetch(url, previous=previous, deadline=deadline, data=data, headers=headers)
