"""The soak under faults, 1,000 deliveries for 200 payments (issue #17; `make soak` runs 10,000 for 2,000):
see soak.py. On its own stack, since it restarts PostgreSQL and reloads the pool and nginx."""

from __future__ import annotations

import os

from soak import check_soak, run_soak


def test_webhook_deliveries_under_faults_credit_every_payment_exactly_once(make_stack, monkeypatch):
    # The jobs a SIGKILLed jobs process had claimed are taken over once their lease ends: 20 s here, not 300.
    monkeypatch.setenv("CODEZERO_JOB_LEASE", "20")
    stack = make_stack()
    stack.start()
    deliveries = int(os.environ.get("CODEZERO_SOAK_DELIVERIES", "1000"))
    report = run_soak(stack, deliveries)
    print("soak:", report.summary())
    check_soak(stack, report)
    stack.stop()
