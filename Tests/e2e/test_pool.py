"""The process manager through the real stack (nginx → pool → workers): PHP-FPM's status page and
signals, worker refill after kill -9, max_requests recycling, the request timeout, reload under wrk
load, and a stop that lets the request in flight finish.

One stack for the module, with test routes (`/test/slow?ms=N`), a 3 s request timeout, a 1 s slow
threshold and max_requests 40. The last test stops its pool.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import threading
import time
from dataclasses import dataclass, field

import pytest
import requests

from conftest import make_var
from stack import Stack, cmdline, descendants, process_identity

MAX_REQUESTS = 40


@dataclass
class PoolStack(Stack):
    """The stack with extra environment for the pool."""

    extra: dict[str, str] = field(default_factory=dict)

    @property
    def env(self) -> dict[str, str]:
        env = Stack.env.fget(self)
        env.update(self.extra)
        return env


@pytest.fixture(scope="module")
def pool():
    var = make_var("cz-e2e-pool-")
    instance = PoolStack(var=var, workers=2, extra={
        "CODEZERO_TEST_ROUTES": "1", "CODEZERO_REQUEST_TIMEOUT": "3", "CODEZERO_SLOW_REQUEST": "1",
        "CODEZERO_PM_MAX_REQUESTS": str(MAX_REQUESTS), "CODEZERO_STOP_TIMEOUT": "20",
    })
    try:
        instance.start()
        yield instance
    finally:
        instance.stop(check=False)
        if os.environ.get("CODEZERO_E2E_KEEP") != "1":
            shutil.rmtree(var, ignore_errors=True)
            for log in var.parent.glob(f"{var.name}-stack-*.log"):
                log.unlink(missing_ok=True)


@pytest.fixture
def http(pool):
    with requests.Session() as session:
        session.trust_env = False
        session.verify = pool.cert
        yield session


def master_pid(stack: Stack) -> int:
    for pid in descendants(stack.process.pid):
        line = cmdline(pid)
        if "codezero" in line and line.rstrip().endswith(" serve"):
            return pid
    raise AssertionError("no codezero serve process in the stack")


def worker_pids(stack: Stack) -> set[int]:
    master = master_pid(stack)
    pids = set()
    for pid in descendants(master):
        if pid != master and process_identity(pid) is not None and cmdline(pid).rstrip().endswith(" worker"):
            pids.add(pid)
    return pids


def eventually(condition, timeout: float = 10.0, interval: float = 0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    return condition()


def status_json(stack: Stack, http) -> dict:
    response = http.get(f"{stack.https}/status?json&full", timeout=10)
    assert response.status_code == 200, response.text
    return response.json()


def test_status_speaks_php_fpm(pool, http):
    for _ in range(3):
        assert http.get(f"{pool.https}/healthz", timeout=10).status_code == 200
    text = http.get(f"{pool.https}/status", timeout=10)
    assert text.status_code == 200
    for label in ("pool:", "process manager:", "start time:", "start since:", "accepted conn:", "listen queue:",
                  "max listen queue:", "listen queue len:", "idle processes:", "active processes:",
                  "total processes:", "max active processes:", "max children reached:", "slow requests:"):
        assert re.search(rf"^{re.escape(label)}\s+\S", text.text, re.M), f"missing {label}\n{text.text}"
    assert re.search(r"^process manager:\s+static$", text.text, re.M)
    status = status_json(pool, http)
    assert status["max children"] == 2
    assert status["total processes"] == 2
    assert status["active processes"] >= 1, "this very request is running"
    assert status["accepted conn"] >= 4
    me = [p for p in status["processes"] if p["state"] == "Running"]
    assert me and me[0]["request uri"] == "/status?json&full"
    assert {p["pid"] for p in status["processes"]} == worker_pids(pool)
    full = http.get(f"{pool.https}/status?full", timeout=10).text
    assert full.count("************************") == 2
    metrics = http.get(f"{pool.https}/status?openmetrics", timeout=10)
    assert "phpfpm_accepted_connections " in metrics.text and metrics.text.endswith("# EOF\n")
    assert http.get(f"{pool.https}/ping", timeout=10).text == "pong\n"


def test_metrics_count_requests_by_route_and_status(pool, http):
    def healthz_count() -> int:
        body = http.get(f"{pool.https}/metrics", timeout=10).text
        found = re.search(r'^codezero_http_requests_total\{route="/healthz",status="200"\} (\d+)$', body, re.M)
        return int(found.group(1)) if found else 0

    before = healthz_count()
    for _ in range(5):
        http.get(f"{pool.https}/healthz", timeout=10)
    # A worker counts a request after it has written the answer, so the last /healthz may still be uncounted when
    # the other worker serves /metrics a moment later: wait for it (briefly), do not count on the order.
    deadline = time.monotonic() + 5
    while healthz_count() < before + 5 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert healthz_count() >= before + 5
    body = http.get(f"{pool.https}/metrics", timeout=10).text
    assert 'codezero_http_request_duration_seconds_bucket{route="/healthz",le="+Inf"}' in body
    assert "codezero_pool_max_children 2" in body
    # The job queue's depth, retries and dead jobs (issue: payments) are on the same page, before "# EOF".
    assert re.search(r"^# TYPE codezero_jobs\w* gauge$", body, re.M), body[-2000:]
    assert body.endswith("# EOF\n") and body.count("# EOF") == 1


def test_codezero_status_reads_the_scoreboard(pool):
    result = pool.codezero("status", "--json", "--full")
    assert result.returncode == 0, result.stderr
    status = json.loads(result.stdout)
    assert status["pool"] == "codezero"
    assert len(status["processes"]) == 2
    text = pool.codezero("status")
    assert re.search(r"^max children:\s+2$", text.stdout, re.M), text.stdout


def test_check_config_names_every_pool_problem(pool):
    env = dict(pool.env, CODEZERO_PM="dynamic", CODEZERO_PM_MAX_SPARE="9", CODEZERO_SLOW_REQUEST="5",
               CODEZERO_REQUEST_TIMEOUT="2")
    result = subprocess.run([env["CODEZERO_BIN"], "check-config"], env=env, capture_output=True, text=True,
                            timeout=30, check=False)
    assert result.returncode == 78
    assert "CODEZERO_PM_MAX_SPARE" in result.stderr and "CODEZERO_SLOW_REQUEST" in result.stderr
    good = pool.codezero("check-config")
    assert good.returncode == 0, good.stderr
    assert f"CODEZERO_PM_MAX_REQUESTS={MAX_REQUESTS}" in good.stdout


def test_a_worker_killed_with_sigkill_is_refilled(pool, http):
    before = worker_pids(pool)
    assert len(before) == 2
    victim = sorted(before)[0]
    os.kill(victim, signal.SIGKILL)
    after = eventually(lambda: (lambda now: now if len(now) == 2 and victim not in now else None)(worker_pids(pool)))
    assert after, f"not refilled: {worker_pids(pool)}"
    assert http.get(f"{pool.https}/healthz", timeout=10).status_code == 200
    assert eventually(lambda: "worker exited unexpectedly" in pool.log())


def test_max_requests_recycles_workers_without_a_failed_request(pool, http):
    before = worker_pids(pool)
    statuses = [http.get(f"{pool.https}/healthz", timeout=10).status_code for _ in range(MAX_REQUESTS * 3)]
    assert statuses == [200] * len(statuses)
    assert eventually(lambda: len(worker_pids(pool)) == 2)
    assert not (worker_pids(pool) & before), "every worker was recycled"
    assert "max requests reached, exiting" in pool.log()


def test_a_request_past_the_timeout_is_killed_with_a_5xx_and_replaced(pool, http):
    before = worker_pids(pool)
    started = time.monotonic()
    response = http.get(f"{pool.https}/test/slow?ms=20000", timeout=30)
    elapsed = time.monotonic() - started
    assert 500 <= response.status_code < 600
    assert 2.5 <= elapsed < 10, elapsed
    request_id = response.headers.get("X-Request-Id", "")
    assert eventually(lambda: len(worker_pids(pool)) == 2 and worker_pids(pool) != before)
    line = eventually(lambda: next((l for l in pool.log().splitlines() if "request timeout, killing worker" in l), None))
    assert line, pool.log()[-3000:]
    assert "/test/slow" in line
    if request_id:
        assert request_id in line
    assert http.get(f"{pool.https}/healthz", timeout=10).status_code == 200
    slow = http.get(f"{pool.https}/test/slow?ms=1200", timeout=10)
    assert slow.status_code == 200
    assert eventually(lambda: "slow request" in pool.log())


def test_reload_under_load_fails_no_request(pool):
    assert shutil.which("wrk"), "wrk is required"
    before = worker_pids(pool)
    master = master_pid(pool)
    load = subprocess.Popen(["wrk", "-t2", "-c16", "-d4s", f"{pool.https}/healthz"], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    time.sleep(1.0)
    os.kill(master, signal.SIGHUP)
    time.sleep(1.2)
    os.kill(master, signal.SIGUSR2)
    output, _ = load.communicate(timeout=30)
    assert load.returncode == 0, output
    assert "Non-2xx" not in output, output
    assert "Socket errors" not in output, output
    requests_done = int(re.search(r"(\d+) requests in", output).group(1))
    assert requests_done > 100, output
    assert eventually(lambda: len(worker_pids(pool)) == 2 and not (worker_pids(pool) & before))
    assert master_pid(pool) == master


def test_stop_lets_the_request_in_flight_finish(pool, http):
    # Last: this stops the pool.
    master = master_pid(pool)
    result: dict = {}

    def slow_request():
        try:
            response = http.get(f"{pool.https}/test/slow?ms=2000", timeout=30)
            result["status"], result["body"] = response.status_code, response.text
        except requests.RequestException as error:
            result["error"] = repr(error)

    thread = threading.Thread(target=slow_request)
    thread.start()
    time.sleep(0.7)
    os.kill(master, signal.SIGTERM)
    thread.join(timeout=30)
    assert result.get("status") == 200, result
    assert result["body"] == "slept 2000 ms\n"
    assert eventually(lambda: process_identity(master) is None, timeout=20), "the master did not exit"
