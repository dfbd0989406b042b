"""The polite client against a local server that injects faults (no internet)."""
from __future__ import annotations

import socket
import time

import pytest
from tests.scrape.scrape_server import VIET, LocalServer

from kb.scrape.http import FetchError, PoliteClient, decode_body


@pytest.fixture(scope="module")
def server():
    with LocalServer() as srv:
        yield srv


class Sleeps:
    """Records the waits the client asks for and waits only a little."""

    def __init__(self):
        self.calls: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)
        time.sleep(min(seconds, 0.01))


def client(**options) -> PoliteClient:
    defaults = dict(delay=0.0, backoff=0.01, retries=2, read_timeout=2.0, connect_timeout=2.0,
                    deadline=10.0, allow_addresses={"127.0.0.1"})
    defaults.update(options)
    return PoliteClient(**defaults)


def test_fetches_a_saved_vbpl_page_at_its_real_path(server, shared):
    result = client().fetch(server.url("/TW/Pages/vbpq-thuoctinh.aspx?ItemID=96172"))
    assert result.status == 200
    assert result.encoding == "utf-8"
    assert "101/2015/QH13" in result.text
    assert result.headers["etag"]


def test_user_agent_names_can_cu_and_a_contact():
    ua = PoliteClient().user_agent
    assert "CanCuBot" in ua and "Can cu" in ua and "contact" in ua
    ua.encode("latin-1")  # header values must be Latin-1


@pytest.mark.parametrize(
    "path, reason, words",
    [
        ("/fault/500", "http_status", "HTTP 500"),
        ("/fault/429-long", "retry_after", "3600"),
        ("/fault/slow", "timeout", "không trả lời"),
        ("/fault/cut", "incomplete", "cắt ngắn"),
        ("/fault/endless", "too_large", "giới hạn"),
        ("/loop/a", "redirect_loop", "vòng lặp"),
        ("/chain/0", "too_many_redirects", "chuyển hướng"),
        ("/private/page", "robots", "robots.txt"),
        ("/redirect-to-private", "private_address", "10.11.12.13"),
        ("/missing", "http_status", "HTTP 404"),
    ],
)
def test_each_fault_gives_its_reason_and_a_clear_message(server, path, reason, words):
    c = client(read_timeout=0.3, max_bytes=200_000, max_redirects=5, retries=1, max_retry_after=60)
    started = time.monotonic()
    with pytest.raises(FetchError) as info:
        c.fetch(server.url(path))
    assert info.value.reason == reason, str(info.value)
    assert words in str(info.value)
    assert server.url(path) in str(info.value)  # the message names the URL
    assert time.monotonic() - started < 5


def test_503_is_retried_with_backoff_then_succeeds(server):
    sleeps = Sleeps()
    c = client(retries=3, backoff=0.5, sleep=sleeps)
    result = c.fetch(server.url("/fault/503-then-ok"))
    assert result.text == "<p>recovered</p>"
    assert result.attempts == 3
    assert sleeps.calls[:2] == [0.5, 1.0]  # exponential


def test_429_honours_retry_after(server):
    sleeps = Sleeps()
    result = client(sleep=sleeps).fetch(server.url("/fault/429"))
    assert "after 429" in result.text
    assert max(sleeps.calls) == pytest.approx(2.0)


def test_retry_after_beyond_the_cap_is_a_failure_not_a_wait(server):
    sleeps = Sleeps()
    with pytest.raises(FetchError) as info:
        client(sleep=sleeps, max_retry_after=60).fetch(server.url("/fault/429-long"))
    assert info.value.reason == "retry_after"
    assert not sleeps.calls or max(sleeps.calls) < 60


def test_endless_response_stops_at_the_size_cap_quickly(server):
    started = time.monotonic()
    with pytest.raises(FetchError) as info:
        client(max_bytes=1_000_000).fetch(server.url("/fault/endless"))
    assert info.value.reason == "too_large"
    assert time.monotonic() - started < 3


def test_total_deadline_bounds_a_fetch(server):
    started = time.monotonic()
    with pytest.raises(FetchError) as info:
        client(read_timeout=5, deadline=0.5, retries=0).fetch(server.url("/fault/slow"))
    assert info.value.reason in ("timeout", "deadline")
    assert time.monotonic() - started < 1.5


@pytest.mark.parametrize(
    "path, encoding",
    [
        ("/charset/cp1258-no-charset", "cp1258"),
        ("/charset/cp1258-declared-utf8", "cp1258"),
        ("/charset/utf8-declared-cp1258", "utf-8"),
        ("/charset/cp1258-meta", "cp1258"),
        ("/charset/utf8-no-charset", "utf-8"),
    ],
)
def test_wrong_or_missing_charset_still_reads_vietnamese(server, path, encoding):
    result = client().fetch(server.url(path))
    assert VIET in result.text
    assert result.encoding == encoding


def test_latin1_declaration_does_not_beat_vietnamese_windows_1258():
    from tests.scrape.scrape_server import cp1258_encode

    body = cp1258_encode(VIET)
    text, encoding = decode_body(body, "text/html; charset=iso-8859-1")
    assert text == VIET and encoding == "cp1258"


def test_conditional_get_uses_the_stored_page(server):
    c = client()
    first = c.fetch(server.url("/etag"))
    assert first.status == 200 and not first.not_modified

    class Stored:
        headers = first.headers
        body = first.body

    second = c.fetch(server.url("/etag"), previous=Stored)
    assert second.not_modified and second.status == 304
    assert second.body == first.body


def test_redirects_are_followed_and_recorded(server):
    result = client().fetch(server.url("/redirect-ok"))
    assert result.url == server.url("/ok") and result.redirects == [server.url("/redirect-ok")]


@pytest.mark.parametrize("url", ["http://127.0.0.1:9/", "http://localhost:9/", "http://10.0.0.1/",
                                 "http://169.254.169.254/latest/meta-data", "http://[::1]/", "http://0.0.0.0/"])
def test_private_loopback_and_link_local_addresses_are_refused_by_default(url):
    with pytest.raises(FetchError) as info:
        PoliteClient(delay=0).fetch(url)
    assert info.value.reason == "private_address"
    assert "từ chối" in str(info.value)


def test_allowing_one_address_does_not_allow_others(server):
    c = client(allow_addresses={"127.0.0.1"})
    assert c.fetch(server.url("/ok")).status == 200
    with pytest.raises(FetchError) as info:
        c.fetch("http://10.0.0.1/")
    assert info.value.reason == "private_address"


def test_thuvienphapluat_is_refused_without_a_request():
    c = PoliteClient(delay=0)
    with pytest.raises(FetchError) as info:
        c.fetch("https://thuvienphapluat.vn/van-ban/abc.aspx")
    assert info.value.reason == "forbidden_site"
    assert c.requests_made == 0


def test_only_http_urls(server):
    with pytest.raises(FetchError) as info:
        client().fetch("file:///etc/passwd")
    assert info.value.reason == "bad_url"


def test_one_request_per_delay_per_host(server):
    c = client(delay=0.2)
    c.fetch(server.url("/ok"))  # robots.txt + page
    started = time.monotonic()
    c.fetch(server.url("/ok"))
    c.fetch(server.url("/ok"))
    assert time.monotonic() - started >= 0.38


def test_robots_txt_is_read_once_per_host(server):
    c = client()
    before = server.count("/robots.txt")
    c.fetch(server.url("/ok"))
    c.fetch(server.url("/etag"))
    assert server.count("/robots.txt") - before == 1


def test_the_connected_address_is_the_checked_one(server):
    """DNS rebinding: the name is resolved once, checked, and that address is connected to."""
    answers = iter(["127.0.0.1"])  # a second lookup would get nothing

    def resolver(host, port, **kwargs):
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (next(answers), port))]

    c = PoliteClient(delay=0, respect_robots=False, retries=0, resolver=resolver)
    before = server.count("/ok")
    with pytest.raises(FetchError) as info:
        c.fetch(server.url("/ok").replace("127.0.0.1", "rebind.invalid"))
    assert info.value.reason == "private_address" and "127.0.0.1" in str(info.value)
    assert server.count("/ok") == before  # refused before anything was sent


@pytest.mark.parametrize("value, expected", [("7", 7.0), ("0", 0.0), ("soon", None), (None, None)])
def test_retry_after_values(value, expected):
    from kb.scrape.http import _retry_after

    assert _retry_after(value) == expected


def test_retry_after_as_an_http_date():
    import email.utils

    from kb.scrape.http import _retry_after

    when = email.utils.formatdate(time.time() + 30, usegmt=True)
    assert 25 <= _retry_after(when) <= 31


def test_crawl_delay_from_robots_txt_is_honoured_and_capped(server):
    server.state.robots = b"User-agent: *\nCrawl-delay: 5\n"
    try:
        c = client(max_crawl_delay=0.3)
        c.fetch(server.url("/ok"))
        started = time.monotonic()
        c.fetch(server.url("/ok"))
        waited = time.monotonic() - started
    finally:
        server.state.robots = None
    assert 0.28 <= waited < 2  # 5 s asked, capped at 0.3 s
