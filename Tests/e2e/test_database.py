"""Readiness follows the database: 503 while the cluster is down, 200 again once it is back."""

from __future__ import annotations

from helpers import assert_problem, wait_for


def test_readyz_is_200_while_the_database_answers(client, stack):
    response = client.get(f"{stack.https}/readyz")
    assert response.status_code == 200


def test_readyz_is_503_while_the_cluster_is_stopped_and_recovers(client, stack):
    stopped = stack.codezero("db", "stop")
    assert stopped.returncode == 0, stopped.stderr
    try:
        # (A Response is falsy for 4xx/5xx, hence the list.)
        [response] = wait_for(
            lambda: [r] if (r := client.get(f"{stack.https}/readyz")).status_code == 503 else None,
            timeout=15, message="/readyz answering 503",
        )
        assert_problem(response, 503)
        # Liveness does not depend on the database.
        assert client.get(f"{stack.https}/healthz").status_code == 200
    finally:
        started = stack.codezero("db", "start")
        assert started.returncode == 0, started.stderr
    wait_for(lambda: client.get(f"{stack.https}/readyz").status_code == 200, timeout=30,
             message="/readyz answering 200 after the restart")
    stack.remember_processes()
    assert client.get(f"{stack.https}/api/v1/billing/products").status_code == 200
