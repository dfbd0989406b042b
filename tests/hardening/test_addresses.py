"""One address policy, enforced before the request is sent (issue 12), for the crawler's
client and the web linker alike; malformed URLs refused with a reason, on every hop."""
from __future__ import annotations

import socket

import pytest

from kb.scrape.http import FetchError, PoliteClient, public_address
from tests.hardening.localserver import LocalServer, Routes
from webapp.fetch import FetchRefused, check_url


@pytest.mark.parametrize("address", [
    "100.100.100.200", "100.64.0.1", "192.0.0.170", "192.88.99.1", "10.0.0.1", "172.16.5.4",
    "192.168.1.1", "127.0.0.1", "169.254.169.254", "0.0.0.0", "224.0.0.1", "255.255.255.255",
    "198.18.0.1", "::1", "::", "fe80::1", "fc00::1", "ff02::1",
    "::ffff:10.0.0.1", "2002:0a00:0001::1", "2002:7f00:0001::", "2002:a9fe:a9fe::1",
    "64:ff9b::a9fe:a9fe", "2001:0:4136:e378:8000:63bf:3fff:fdd2", "::127.0.0.1",
])
def test_inside_addresses_are_refused(address):
    assert not public_address(address)


@pytest.mark.parametrize("address", ["8.8.8.8", "203.162.4.190", "2001:4860:4860::8888",
                                     "2002:0808:0808::1", "::ffff:8.8.8.8"])
def test_public_addresses_are_allowed(address):
    assert public_address(address)


def _resolver(address):
    def resolve(host, port, **kwargs):
        family = socket.AF_INET6 if ":" in address else socket.AF_INET
        return [(family, socket.SOCK_STREAM, 6, "", (address, port))]

    return resolve


@pytest.mark.parametrize("address", ["100.100.100.200", "192.0.0.8", "192.88.99.5", "2002:a9fe:a9fe::1"])
def test_both_clients_refuse_the_same_addresses_before_any_request(address, monkeypatch):
    client = PoliteClient(delay=0, respect_robots=False, retries=0, resolver=_resolver(address))
    with pytest.raises(FetchError) as info:
        client.fetch("http://metadata.example/latest")
    assert info.value.reason == "private_address"
    assert client.requests_made == 0
    monkeypatch.setattr(socket, "getaddrinfo", _resolver(address))
    with pytest.raises(FetchRefused, match="nội bộ"):
        check_url("http://metadata.example/latest")


def test_a_redirect_into_shared_address_space_is_refused():
    with LocalServer({"/": (302, {"Location": "http://100.100.100.200/latest/meta-data"}, b"")}) as srv:
        client = PoliteClient(delay=0, respect_robots=False, retries=0, allow_addresses={"127.0.0.1"})
        with pytest.raises(FetchError) as info:
            client.fetch(srv.url("/"))
    assert info.value.reason == "private_address" and "100.100.100.200" in str(info.value)


def test_resolved_once_and_that_address_connected_with_the_host_header():
    """DNS rebinding: a second lookup would give another answer; the request must not make one."""
    answers = ["127.0.0.1"]
    calls = []

    def resolver(host, port, **kwargs):
        calls.append(host)
        address = answers[0] if len(calls) <= 2 else "10.9.9.9"  # the rebinding answer
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]

    with LocalServer({"/plan": (200, {}, b"<html><body>ok</body></html>")}) as srv:
        client = PoliteClient(delay=0, respect_robots=False, retries=0, resolver=resolver,
                              allow_addresses={"127.0.0.1"})
        result = client.fetch(f"http://plan.example.invalid:{srv.port}/plan")
        path, headers = srv.routes.seen[-1]
    assert result.status == 200 and result.url == f"http://plan.example.invalid:{srv.port}/plan"
    assert headers["Host"] == f"plan.example.invalid:{srv.port}"
    assert "X-Kb-Pinned-Name" not in headers
    assert len(calls) <= 2  # checked (and pinned) per hop; never asked again by the HTTP library


@pytest.mark.parametrize("location", ["http://user:secret@127.0.0.1:{port}/x", "http://127.0.0.1:70000/x",
                                      "http://[::1/x"])
def test_bad_redirect_targets_are_refused_with_a_reason(location):
    routes = Routes({"/": None})
    with LocalServer(routes) as srv:
        routes["/"] = (302, {"Location": location.format(port=srv.port)}, b"")
        client = PoliteClient(delay=0, respect_robots=False, retries=0, allow_addresses={"127.0.0.1"})
        with pytest.raises(FetchError) as info:
            client.fetch(srv.url("/"))
    assert info.value.reason == "bad_url"


@pytest.mark.parametrize("url", ["http://[::1", "http://example.com:99999/", "http://u:p@example.com/",
                                 "http://[::1]:80x/"])
def test_malformed_urls_refused_by_both(url):
    with pytest.raises(FetchError) as info:
        PoliteClient(delay=0).fetch(url)
    assert info.value.reason == "bad_url"
    with pytest.raises(FetchRefused):
        check_url(url)
