"""One configuration: durations in one grammar, production refuses mock payments (issue 9)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from stack import ROOT, codezero_binary


@pytest.fixture
def var():
    path = Path(tempfile.mkdtemp(prefix="cz-e2e-cfg-", dir="/tmp"))
    (path / "run").mkdir()
    yield path
    shutil.rmtree(path, ignore_errors=True)


def clean_env(var: Path, **settings: str) -> dict[str, str]:
    """Only PATH and `settings`: no CODEZERO_ENV or Stripe key leaks in from the caller."""
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "CODEZERO_VAR": str(var), **settings}


def test_production_without_a_stripe_key_refuses_to_start(var):
    result = subprocess.run([codezero_binary(), "serve"], cwd=ROOT, env=clean_env(var), capture_output=True,
                            text=True, timeout=30, check=False)
    assert result.returncode == 78, result.stderr
    assert "STRIPE_SECRET_KEY" in result.stderr and "production" in result.stderr
    assert "CODEZERO_SMTP_URL" in result.stderr, "production refuses to start without SMTP too"
    assert not (var / "run/codezero.sock").exists(), "nothing was started"
    explicit = subprocess.run([codezero_binary(), "jobs"], cwd=ROOT, env=clean_env(var, CODEZERO_ENV="production"),
                              capture_output=True, text=True, timeout=30, check=False)
    assert explicit.returncode == 78 and "STRIPE_SECRET_KEY" in explicit.stderr


def test_check_config_names_the_missing_production_key_and_every_key_of_both(var):
    refused = subprocess.run([codezero_binary(), "check-config"], cwd=ROOT, env=clean_env(var), capture_output=True,
                             text=True, timeout=30, check=False)
    assert refused.returncode == 78 and "STRIPE_SECRET_KEY" in refused.stderr
    good = subprocess.run([codezero_binary(), "check-config"], cwd=ROOT,
                          env=clean_env(var, CODEZERO_ENV="development", CODEZERO_STOP_TIMEOUT="35s",
                                        CODEZERO_REQUEST_TIMEOUT="30s"),
                          capture_output=True, text=True, timeout=30, check=False)
    assert good.returncode == 0, good.stderr
    keys = [line.split("=", 1)[0] for line in good.stdout.splitlines()]
    assert len(keys) == len(set(keys))
    for key in ("CODEZERO_ENV", "CODEZERO_WORKERS", "CODEZERO_STOP_TIMEOUT", "CODEZERO_REQUEST_TIMEOUT",
                "CODEZERO_PM", "CODEZERO_PM_MAX_CHILDREN", "CODEZERO_SCOREBOARD", "STRIPE_SECRET_KEY"):
        assert key in keys, key
    assert "CODEZERO_STOP_TIMEOUT=35.0" in good.stdout and "CODEZERO_ENV=development" in good.stdout


def test_a_stop_timeout_written_like_the_request_timeout_starts_the_pool(var):
    env = clean_env(var, CODEZERO_ENV="development", CODEZERO_STOP_TIMEOUT="35s", CODEZERO_REQUEST_TIMEOUT="30s",
                    CODEZERO_WORKERS="1")
    process = subprocess.Popen([codezero_binary(), "serve"], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not (var / "run/codezero.sock").exists():
            assert process.poll() is None, process.stdout.read()
            time.sleep(0.1)
        assert (var / "run/codezero.sock").exists()
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=60)
        assert process.returncode == 0, output
        assert '"message":"pool started"' in output
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
