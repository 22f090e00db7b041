"""Fixtures of the end-to-end suite: one real stack for the whole session, HTTP clients for it."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest
import requests

from stack import ROOT, Stack


def make_var(prefix: str) -> Path:
    # Short (unix socket paths are limited), and reachable for nginx's workers (www-data) when root.
    var = Path(tempfile.mkdtemp(prefix=prefix, dir="/tmp"))
    var.chmod(0o755)
    return var


@pytest.fixture(scope="session")
def stack():
    """The stack as `make run` starts it, on free ports, with the pool under MemoryDenyWriteExecute.

    Stopped at the end of the session with SIGTERM; the stop must be clean and leave no process.
    A stack that cannot start fails every test that uses it (never a skip).
    """
    var = make_var("cz-e2e-")
    wrapper = f"{sys.executable} {ROOT / 'Tests/e2e/mdwe_exec.py'}"
    instance = Stack(var=var, exec_prefix=wrapper)
    try:
        instance.start()
        yield instance
        instance.stop()
    finally:
        instance.stop(check=False)
        if os.environ.get("CODEZERO_E2E_KEEP") != "1":
            shutil.rmtree(var, ignore_errors=True)
            for log in var.parent.glob(f"{var.name}-stack-*.log"):
                log.unlink(missing_ok=True)


@pytest.fixture
def make_stack():
    """Factory for extra stacks (lifecycle tests); each is stopped and removed afterwards."""
    created: list[Stack] = []

    def factory() -> Stack:
        instance = Stack(var=make_var("cz-e2e-life-"))
        created.append(instance)
        return instance

    yield factory
    for instance in created:
        instance.stop(check=False)
        shutil.rmtree(instance.var, ignore_errors=True)
        for log in instance.var.parent.glob(f"{instance.var.name}-stack-*.log"):
            log.unlink(missing_ok=True)


@pytest.fixture
def client(stack):
    """A requests session that verifies TLS against the stack's generated certificate."""
    with requests.Session() as session:
        # Not the environment's CA bundle or proxies (REQUESTS_CA_BUNDLE would override `verify`).
        session.trust_env = False
        session.verify = stack.cert
        yield session
