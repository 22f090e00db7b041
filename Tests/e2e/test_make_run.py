"""`make run` as a newcomer meets it: Ctrl-C in the terminal ends it quietly with status 0 (issue 9 item 10).

The test runs the real Makefile target in a pseudo-terminal, as a shell would: `make run` is the terminal's
foreground process group, and Ctrl-C is the byte 0x03 typed into the terminal (the kernel then sends SIGINT to
the foreground process group). The release build is replaced by the binary under test (`SWIFT=true
RELEASE_BIN=…`); `deps-run` checks the installed packages as it would for a newcomer.
"""

from __future__ import annotations

import os
import pty
import select
import shutil
import signal
import time

from conftest import make_var
from stack import READY_MARKER, ROOT, Stack, codezero_binary


def read_until(fd: int, output: bytearray, done, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not done() and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # EIO: every process on the terminal is gone
                return
            if not chunk:
                return
            output.extend(chunk)


def test_ctrl_c_ends_make_run_quietly_with_status_0():
    stack = Stack(var=make_var("cz-e2e-run-"))
    env = {key: value for key, value in stack.env.items() if key not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    pid, fd = pty.fork()
    if pid == 0:  # the child: a session leader with the terminal, like a login shell running `make run`
        os.chdir(ROOT)
        os.execvpe("make", ["make", "--no-print-directory", "run", "SWIFT=true",
                            f"RELEASE_BIN={codezero_binary()}"], env)
    output = bytearray()
    status = None
    try:
        read_until(fd, output, lambda: READY_MARKER.encode() in output, 240)
        assert READY_MARKER.encode() in output, output.decode(errors="replace")
        stack.process = None
        os.write(fd, b"\x03")  # Ctrl-C
        deadline = time.monotonic() + 90
        while status is None and time.monotonic() < deadline:
            read_until(fd, output, lambda: False, 0.5)
            finished, raw = os.waitpid(pid, os.WNOHANG)
            if finished:
                status = raw
        read_until(fd, output, lambda: False, 0.5)
        text = output.decode(errors="replace")
        assert status is not None, "make run did not stop after Ctrl-C:\n" + text
        assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0, f"status {status}:\n{text}"
        assert "received SIGINT" in text and "codezero: stopped" in text, text
        for noise in ("error", "Error", "exited unexpectedly", "Interrupt", "***"):
            assert noise not in text.split(READY_MARKER, 1)[1], f"{noise!r} after Ctrl-C:\n{text}"
        deadline = time.monotonic() + 10
        while stack.survivors() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not stack.survivors(), "\n".join(stack.survivors())
    finally:
        if status is None:
            try:
                os.killpg(pid, signal.SIGTERM)
                os.waitpid(pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
        os.close(fd)
        for leftover in stack.survivors():
            try:
                os.kill(int(leftover.split(":", 1)[0]), signal.SIGKILL)
            except (ProcessLookupError, ValueError):
                pass
        shutil.rmtree(stack.var, ignore_errors=True)


def test_make_run_installs_only_what_running_needs():
    import subprocess

    def listed(mode: str) -> set[str]:
        result = subprocess.run(["bash", str(ROOT / "scripts/deps.sh"), mode, "--list"], capture_output=True,
                                text=True, timeout=30, check=True)
        return set(result.stdout.split())

    run, test = listed("run"), listed("test")
    assert {"postgresql", "nginx", "libpq-dev", "openssl"} <= run
    assert not run & {"chromium", "default-jre-headless", "wrk", "python3-pytest"}, run
    assert run < test and {"chromium", "default-jre-headless"} <= test
    makefile = (ROOT / "Makefile").read_text()
    assert "\nrun: deps-run\n" in makefile and "\ntest: deps\n" in makefile
