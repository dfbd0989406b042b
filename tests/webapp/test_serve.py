"""``kb serve`` (waitress) and ``flask --app webapp`` both start the site."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_kb_serve_answers(tmp_path):
    port = free_port()
    env = dict(os.environ, KB_DATA=str(tmp_path))
    proc = subprocess.Popen([sys.executable, "-m", "kb", "serve", "--port", str(port)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as r:
                    assert r.status == 200
                    assert r.headers["Content-Security-Policy"]
                    assert "Căn cứ" in r.read().decode()
                    break
            except OSError:
                assert proc.poll() is None, proc.communicate()[1].decode()
                assert time.monotonic() < deadline, "kb serve did not answer in 30 s"
                time.sleep(0.2)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_bad_port_is_a_usage_error(tmp_path):
    r = subprocess.run([sys.executable, "-m", "kb", "serve", "--port", "0"], cwd=ROOT,
                       env=dict(os.environ, KB_DATA=str(tmp_path)), capture_output=True, text=True)
    assert r.returncode == 2 and "cổng" in r.stderr and "Traceback" not in r.stderr


def test_flask_cli_finds_the_factory(tmp_path):
    flask = Path(sys.executable).with_name("flask")
    r = subprocess.run([str(flask), "--app", "webapp", "routes"], cwd=ROOT, capture_output=True, text=True,
                       env=dict(os.environ, KB_DATA=str(tmp_path)))
    assert r.returncode == 0, r.stderr
    for path in ("/lien-ket", "/api/search", "/api/van-ban/<path:slug>", "/api/cite", "/api/link", "/opensearch.xml"):
        assert path in r.stdout
