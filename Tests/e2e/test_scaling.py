"""Scaling out (issue #16): two pools on two TCP ports (`CODEZERO_LISTEN`) behind one nginx upstream, on the
session stack's PostgreSQL. One pool killed (SIGKILL, master and workers) under load → at most the requests in
flight at that moment fail, then none; the other reloaded (SIGHUP) under load → none fail. A public address is
refused unless forced.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest
import requests

from conftest import make_var
from stack import ROOT, codezero_binary, free_port

CLIENTS = 6


class Pool:
    """`codezero serve` listening on 127.0.0.1:port, in its own process group and state folder."""

    def __init__(self, stack, port: int):
        self.port = port
        self.var = make_var("cz-e2e-tcp-")
        self.log_path = self.var / "serve.log"
        env = dict(stack.env)
        env.update(CODEZERO_VAR=str(self.var), DATABASE_URL=stack.codezero("db", "url").stdout.strip(),
                   CODEZERO_LISTEN=f"127.0.0.1:{port}", CODEZERO_WORKERS="2", CODEZERO_SQL_DIR=str(ROOT / "sql"))
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen([codezero_binary(), "serve"], cwd=ROOT, env=env, stdout=log,
                                            stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                            start_new_session=True)
        deadline = time.monotonic() + 60
        while not self.answers():
            assert self.process.poll() is None, self.log_path.read_text(errors="replace")
            assert time.monotonic() < deadline, "the pool did not listen within 60 s"
            time.sleep(0.1)

    def answers(self) -> bool:
        import socket
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                return True
        except OSError:
            return False

    def kill(self) -> None:
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
        shutil.rmtree(self.var, ignore_errors=True)


@pytest.fixture(scope="module")
def scaled(stack):
    """Two TCP pools and an nginx (plain HTTP on loopback) balancing over them with the stack's fastcgi.conf."""
    pools = [Pool(stack, free_port()), Pool(stack, free_port())]
    folder = make_var("cz-e2e-lb-")
    port = free_port()
    fastcgi = (stack.var / "nginx/conf/fastcgi.conf").read_text()
    assert "fastcgi_pass codezero_pool;" in fastcgi
    (folder / "fastcgi.conf").write_text(fastcgi.replace("fastcgi_pass codezero_pool;", "fastcgi_pass pools;"))
    servers = "\n".join(f"server 127.0.0.1:{pool.port} max_fails=1 fail_timeout=30s;" for pool in pools)
    (folder / "nginx.conf").write_text(f"""
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 256; }}
http {{
    access_log off;
    client_body_temp_path {folder}/body; fastcgi_temp_path {folder}/fastcgi; proxy_temp_path {folder}/proxy;
    scgi_temp_path {folder}/scgi; uwsgi_temp_path {folder}/uwsgi;
    upstream pools {{ {servers} }}
    server {{
        listen 127.0.0.1:{port};
        location / {{ include {folder}/fastcgi.conf; fastcgi_next_upstream error timeout; }}
    }}
}}
""")
    nginx = subprocess.Popen(["nginx", "-p", f"{folder}/", "-c", f"{folder}/nginx.conf", "-e", f"{folder}/error.log",
                              "-g", "daemon off;"], stdin=subprocess.DEVNULL, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            if requests.get(f"{url}/healthz", timeout=2).status_code == 200:
                break
        except requests.RequestException:
            pass
        assert nginx.poll() is None and time.monotonic() < deadline, (folder / "error.log").read_text()
        time.sleep(0.1)
    try:
        yield url, pools
    finally:
        nginx.send_signal(signal.SIGQUIT)
        nginx.wait(timeout=20)
        for pool in pools:
            pool.stop()
        shutil.rmtree(folder, ignore_errors=True)


class Load:
    """CLIENTS threads requesting /healthz and a database read in turn; every outcome with its start time."""

    def __init__(self, url: str):
        self.url = url
        self.outcomes: list[tuple[float, float, object]] = []
        self.running = True
        self.lock = threading.Lock()
        self.threads = [threading.Thread(target=self.client, args=(index,)) for index in range(CLIENTS)]
        for thread in self.threads:
            thread.start()

    def client(self, index: int) -> None:
        paths = ["/healthz", "/api/v1/billing/products"]
        with requests.Session() as session:
            session.trust_env = False
            count = index
            while self.running:
                started = time.monotonic()
                try:
                    outcome: object = session.get(self.url + paths[count % 2], timeout=10).status_code
                except requests.RequestException as error:
                    outcome = type(error).__name__
                with self.lock:
                    self.outcomes.append((started, time.monotonic(), outcome))
                count += 1

    def stop(self) -> list[tuple[float, float, object]]:
        self.running = False
        for thread in self.threads:
            thread.join(timeout=30)
        return self.outcomes


def test_a_killed_pool_fails_only_its_requests_in_flight_then_none(scaled):
    url, pools = scaled
    load = Load(url)
    time.sleep(2)
    killed_at = time.monotonic()
    pools[0].kill()
    time.sleep(3)
    outcomes = load.stop()
    failed = [entry for entry in outcomes if entry[2] != 200]
    assert len([entry for entry in outcomes if entry[0] > killed_at]) > 20, "the load stopped"
    # Only requests already running when the pool died may fail (at most one per client), none after.
    assert len(failed) <= CLIENTS, failed
    assert all(started <= killed_at <= ended for started, ended, _ in failed), failed
    assert not [entry for entry in failed if entry[0] > killed_at], failed


def test_a_reloaded_pool_fails_no_request(scaled):
    url, pools = scaled
    survivor = pools[1]
    load = Load(url)
    time.sleep(1)
    for _ in range(3):
        os.kill(survivor.process.pid, signal.SIGHUP)
        time.sleep(1)
    outcomes = load.stop()
    assert len(outcomes) > 20
    assert [entry for entry in outcomes if entry[2] != 200] == []


def test_a_public_listen_address_is_refused_unless_forced(stack):
    env = dict(stack.env)
    env.update(CODEZERO_LISTEN="203.0.113.7:9000")
    refused = subprocess.run([codezero_binary(), "check-config"], cwd=ROOT, env=env, capture_output=True, text=True,
                             timeout=60)
    assert refused.returncode != 0
    assert "CODEZERO_LISTEN" in refused.stdout + refused.stderr
    env.update(CODEZERO_LISTEN_FORCE="1")
    forced = subprocess.run([codezero_binary(), "check-config"], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=60)
    assert forced.returncode == 0, forced.stdout + forced.stderr
    env.update(CODEZERO_LISTEN="localhost:99999")
    malformed = subprocess.run([codezero_binary(), "check-config"], cwd=ROOT, env=env, capture_output=True,
                               text=True, timeout=60)
    assert malformed.returncode != 0 and "CODEZERO_LISTEN" in malformed.stdout + malformed.stderr
