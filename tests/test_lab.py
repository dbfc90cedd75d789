"""`make lab`, the README's way to rerun a chapter, serves JupyterLab: as root or not, with no display."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
LAB_URL = re.compile(r"(http://127\.0\.0\.1:\d+/lab\?token=\w+)")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.slow
def test_make_lab_serves_jupyterlab_headless_and_prints_its_url(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"DISPLAY", "WAYLAND_DISPLAY", "BROWSER"}}
    # A browser that jupyter would open leaves a trace; with no display it must not be called.
    opened = tmp_path / "browser-opened"
    env["BROWSER"] = f"touch {opened} %s"
    env["JUPYTER_RUNTIME_DIR"] = str(tmp_path / "runtime")
    log = (tmp_path / "lab.log").open("w+")
    proc = subprocess.Popen(
        ["make", "--no-print-directory", "lab", f"LAB_PORT={free_port()}"],
        cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    try:
        url = None
        deadline = time.monotonic() + 120
        while url is None and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.5)
            url = next(iter(LAB_URL.findall(Path(log.name).read_text())), None)
        output = Path(log.name).read_text()
        assert url, f"make lab printed no URL (exit {proc.poll()}):\n{output[-3000:]}"
        with urllib.request.urlopen(url, timeout=30) as response:
            page = response.read().decode("utf-8")
        assert response.status == 200
        assert "JupyterLab" in page
        assert "Running as root is not recommended" not in output
        assert not opened.exists(), "make lab tried to open a browser with no display"
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        log.close()
