"""Incidents and the staff second factor through nginx and the real jobs process (issue 13): a dead job is one
incident and one step of its counter in /metrics; staff reach the incidents only with a second factor, retry one
(the job is queued again, dies again, and that is a new incident), resolve another; a replayed code is refused."""

from __future__ import annotations

import re
import subprocess

import requests

from helpers import assert_problem, enrol_second_factor, totp, wait_for
from money_support import PASSWORD, Client, psql, unique_email
from stack import ROOT, codezero_binary


def staff(stack, role: str) -> Client:
    email = unique_email(role)
    created = subprocess.run([codezero_binary(), "user", "create", "--role", role, "--email", email], cwd=ROOT,
                             env=dict(stack.env, CODEZERO_USER_PASSWORD=PASSWORD), capture_output=True, text=True,
                             timeout=60, check=False)
    assert created.returncode == 0, created.stderr
    client = Client(stack)
    client.email = email
    assert client.login(email, PASSWORD).status_code == 200
    return client


def counter(stack, kind: str) -> int:
    text = requests.get(stack.https + "/metrics", verify=stack.cert, timeout=30).text  # from 127.0.0.1
    found = re.search(r'^codezero_incidents_total\{kind="' + re.escape(kind) + r'"\} (\d+)$', text, re.M)
    assert found, text[-2000:]
    return int(found.group(1))


def test_a_dead_job_is_one_incident_and_staff_retry_it_with_a_second_factor(stack):
    admin = staff(stack, "admin")
    refused = assert_problem(admin.api("GET", "/api/v1/admin/incidents"), 403)
    assert refused["code"] == "second_factor_required"
    secret = enrol_second_factor(admin)

    before = counter(stack, "job.dead")
    job = psql(stack, "INSERT INTO jobs (kind, max_attempts) VALUES ('e2e.no_handler', 1) RETURNING id").split()[0]
    wait_for(lambda: psql(stack, f"SELECT state FROM jobs WHERE id = {int(job)}") == "dead", timeout=60,
             message="the job died")
    wait_for(lambda: counter(stack, "job.dead") == before + 1, timeout=10, message="the counter stepped once")
    listed = admin.api("GET", "/api/v1/admin/incidents?kind=job.dead&status=open&limit=200")
    assert listed.status_code == 200, listed.text
    mine = [item for item in listed.json()["incidents"] if item["job_id"] == int(job)]
    assert len(mine) == 1 and mine[0]["retryable"], mine

    retried = admin.api("POST", f"/api/v1/admin/incidents/{mine[0]['id']}/retry")
    assert retried.status_code == 200, retried.text
    assert retried.json()["incident"]["status"] == "retried"
    # The job runs again, dies again: a second incident, one more step.
    wait_for(lambda: counter(stack, "job.dead") == before + 2, timeout=60, message="the retried job died again")
    assert psql(stack, f"SELECT count(*) FROM incidents WHERE job_id = {int(job)}") == "2"
    audit = psql(stack, "SELECT details->>'request_id' FROM audit_log WHERE action = 'admin.incident.retry' "
                        f"AND target = '{mine[0]['id']}'")
    assert re.fullmatch(r"[0-9a-f]{32}", audit), audit

    # Two more sessions of the same admin: the next step's code passes once; the same code again is a replay.
    code = totp(secret, 1)
    again, replay = Client(stack), Client(stack)
    for client in (again, replay):
        assert client.login(admin.email, PASSWORD).status_code == 200
    assert again.api("POST", "/api/v1/auth/second-factor/verify", {"code": code}).status_code == 200
    assert_problem(replay.api("POST", "/api/v1/auth/second-factor/verify", {"code": code}), 422)
    assert_problem(replay.api("GET", "/api/v1/admin/incidents"), 403)
    resolved = again.api("POST", f"/api/v1/admin/incidents/{mine[0]['id']}/resolve", {"note": "x"})
    assert_problem(resolved, 409)
