"""The command line speaks one language: help and usage errors in Vietnamese."""
import subprocess
import sys

import pytest


def kb(*args):
    return subprocess.run([sys.executable, "-m", "kb", *args], capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("args", [["--help"], ["show", "--help"], ["build-data", "-h"], ["check", "--help"]])
def test_help_has_no_english_furniture(args):
    out = kb(*args)
    assert out.returncode == 0
    for english in ("Show this message", "Usage:", "Options:", "Commands:"):
        assert english not in out.stdout
    assert "Cách dùng: kb" in out.stdout and "Xem hướng dẫn này rồi thoát." in out.stdout


def test_usage_errors_are_one_vietnamese_line_with_exit_2():
    out = kb("show")
    assert out.returncode == 2
    assert out.stderr.strip() == "kb: lỗi: thiếu đối số QUERY (xem: kb show --help)"
    out = kb("shw")
    assert out.returncode == 2 and "không có lệnh “shw” (có phải “show”?)" in out.stderr
    assert "Traceback" not in out.stderr
