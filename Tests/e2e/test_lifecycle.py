"""Starting and stopping the stack: nothing survives a stop, a second start reuses the state."""

from __future__ import annotations

import os
import platform
import signal
import subprocess
import time

import requests

from stack import ROOT, cmdline, environ_has


def pg_version_identity(stack) -> tuple[int, int]:
    """Inode and modification time of the cluster's PG_VERSION: initdb writes it once."""
    found = sorted(stack.var.glob("postgres/**/PG_VERSION"))
    assert found, f"no PostgreSQL cluster under {stack.var}/postgres"
    info = found[0].stat()
    return info.st_ino, info.st_mtime_ns


def ready(stack) -> None:
    with requests.Session() as session:
        session.trust_env = False
        response = session.get(f"{stack.https}/readyz", verify=stack.cert, timeout=10)
    assert response.status_code == 200


def kinds_of_processes(stack) -> set[str]:
    kinds = set()
    for pid in stack.stack_pids():
        line = cmdline(pid)
        if "nginx" in line:
            kinds.add("nginx")
        if "postgres" in line:
            kinds.add("postgres")
        if "codezero" in line and " serve" in line:
            kinds.add("serve")
    return kinds


def test_stop_leaves_no_process_and_a_second_start_reuses_the_state(make_stack):
    stack = make_stack()
    stack.start()
    ready(stack)
    assert {"nginx", "postgres", "serve"} <= kinds_of_processes(stack)
    # nginx master and workers, the pool master and its workers, the postmaster and its children.
    assert len(stack.stack_pids()) >= 8
    cluster = pg_version_identity(stack)
    certificate = (stack.var / "tls" / "cert.pem").read_bytes()

    stack.stop(signal.SIGTERM)  # asserts exit status 0 and that no process survived

    stack.start()
    ready(stack)
    assert pg_version_identity(stack) == cluster, "the cluster was initialised again"
    assert (stack.var / "tls" / "cert.pem").read_bytes() == certificate

    # Ctrl-C in a terminal: SIGINT to the whole foreground process group.
    stack.stop(signal.SIGINT, whole_group=True)


def test_a_second_stack_on_the_same_state_is_refused(make_stack):
    stack = make_stack()
    stack.start()
    second = subprocess.run(
        ["bash", str(ROOT / "scripts/stack.sh"), "run"], cwd=ROOT, env=stack.env,
        capture_output=True, text=True, timeout=60,
    )
    assert second.returncode != 0
    assert "another stack is running" in second.stderr
    ready(stack)
    stack.stop()


def test_the_stack_stops_everything_when_the_pool_dies(make_stack):
    stack = make_stack()
    stack.start()
    serve = int((stack.var / "run" / "stack-serve.pid").read_text())
    os.kill(serve, signal.SIGKILL)
    status = stack.process.wait(timeout=90)
    assert status != 0
    assert "exited unexpectedly" in stack.log()
    stack.process = None
    deadline = time.monotonic() + 10
    while stack.survivors() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not stack.survivors()


def kernel_has_mdwe() -> bool:
    major, minor = (int(part) for part in platform.release().split(".")[:2])
    return (major, minor) >= (6, 3)


def test_the_pool_runs_under_memory_deny_write_execute(stack):
    # The session stack starts `codezero serve` through mdwe_exec.py (see conftest.py); every request
    # of this suite is then answered by workers that may not map writable+executable memory, as
    # MemoryDenyWriteExecute=yes in systemd/codezero.service demands.
    serve = int((stack.var / "run" / "stack-serve.pid").read_text())
    # Pool workers are `<path>/codezero worker` (PostgreSQL backends also show "codezero": the role name).
    workers = [pid for pid in stack.stack_pids() if pid != serve and cmdline(pid).split()[-1:] == ["worker"]]
    expected = b"CODEZERO_MDWE=1" if kernel_has_mdwe() else b"CODEZERO_MDWE=unavailable"
    assert environ_has(serve, expected)
    assert workers, "no pool workers seen"
    for pid in workers:
        if cmdline(pid):
            assert environ_has(pid, expected), cmdline(pid)
