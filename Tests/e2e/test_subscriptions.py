"""Subscriptions through nginx, the pool and the jobs process (mock mode): a month simulated with the clock moved
by the collection run's `as_of` — subscribe (setup-mode Checkout), the first invoice charged, payments settled by
signed `payment_intent.*` webhooks, the period closed with its next invoice, a payment failing twice and then
succeeding (PAST_DUE → ACTIVE, a mail per failure, in order), cancel at period end, change plan — and bad input on
every route."""

from __future__ import annotations

import json
import secrets
import time
import uuid

import pytest

from helpers import assert_problem
from money_support import company, deliver, enqueue_job, await_job, psql, quoted

DAY = 86_400


def start(client, plan: str = "assistant_starter", addons: list | None = None) -> dict:
    response = client.api("POST", "/api/v1/subscriptions", {"plan_id": plan, "addons": addons or []})
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["status"] == "INCOMPLETE" and body["checkout_url"].startswith("https://")
    return body


def complete(client, session: str, method: str):
    return client.api("POST", "/api/v1/billing/checkout/complete", {"session_id": session, "payment_method": method})


def collect(stack, as_of: int) -> None:
    """One run of the jobs process's collection as of `as_of` (periods that ended, dunning retries that are due)."""
    job = enqueue_job(stack, "subscriptions.collect", json.dumps({"as_of": as_of}))
    try:
        state = await_job(stack, job)
    except AssertionError:
        state = psql(stack, f"SELECT state || ' ' || coalesce(last_error, '') FROM jobs WHERE id = {job}")
    assert state == "done", state


def attempts(stack, subscription: str) -> list[tuple[str, int, str, str]]:
    rows = psql(stack, "SELECT invoice_id, attempt, status, payment_intent_id FROM subscription_payments "
                       f"WHERE subscription_id = {quoted(subscription)}::uuid ORDER BY created_at, id")
    return [tuple(int(x) if i == 1 else x for i, x in enumerate(line.split("|"))) for line in rows.splitlines() if line]


def invoices(stack, subscription: str) -> list[tuple[str, int, str]]:
    rows = psql(stack, "SELECT status, gross_cents, service_start FROM invoices "
                       f"WHERE subscription_id = {quoted(subscription)}::uuid ORDER BY service_start")
    return [(s, int(g), d) for s, g, d in (line.split("|") for line in rows.splitlines() if line)]


def settle(stack, subscription: str, invoice: str, attempt: int, intent: str, succeeded: bool, amount: int) -> None:
    """Stripe's `payment_intent.succeeded` / `.payment_failed` for one charge, signed and posted through nginx."""
    body = json.dumps({
        "id": f"evt_test_sub_{secrets.token_hex(8)}", "object": "event", "api_version": "2026-10-28.endive",
        "created": int(time.time()), "livemode": False, "pending_webhooks": 1,
        "request": {"id": None, "idempotency_key": None},
        "type": "payment_intent.succeeded" if succeeded else "payment_intent.payment_failed",
        "data": {"object": {
            "id": intent, "object": "payment_intent", "amount": amount, "currency": "eur",
            "status": "succeeded" if succeeded else "requires_payment_method", "customer": None,
            "payment_method": "pm_sepa_debit", "livemode": False,
            "metadata": {"invoice_id": invoice, "subscription_id": subscription, "attempt": str(attempt)},
            "last_payment_error": None if succeeded else {"type": "card_error", "code": "payment_method_not_available",
                                                           "message": "The debit was returned."},
        }},
    }).encode()
    assert deliver(stack, body).status_code == 200
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        done = psql(stack, f"SELECT processed_at IS NOT NULL FROM stripe_events WHERE payload->'data'->'object'->>'id' = "
                           f"{quoted(intent)} ORDER BY received_at DESC LIMIT 1")
        if done == "t":
            return
        time.sleep(0.1)
    raise AssertionError(f"event for {intent} not processed")


def history(stack, subscription: str, prefix: str = "mail.") -> list[str]:
    rows = psql(stack, f"SELECT event FROM subscription_events WHERE subscription_id = {quoted(subscription)}::uuid "
                       f"AND event LIKE '{prefix}%' ORDER BY id")
    return [line for line in rows.splitlines() if line]


def test_processes_payment_succeeded_webhook(stack):
    client = company(stack)
    started = start(client)
    assert complete(client, started["session_id"], "pm_sepa_debit").json()["status"] == "ACTIVE"
    [(invoice, attempt, status, intent)] = attempts(stack, started["subscription_id"])
    assert (attempt, status) == (1, "PROCESSING")
    assert invoices(stack, started["subscription_id"])[0][:2] == ("OPEN", 58_310)
    settle(stack, started["subscription_id"], invoice, 1, intent, succeeded=True, amount=58_310)
    assert invoices(stack, started["subscription_id"])[0][:2] == ("PAID", 58_310)
    # A late failure for the same intent changes nothing.
    settle(stack, started["subscription_id"], invoice, 1, intent, succeeded=False, amount=58_310)
    assert client.api("GET", f"/api/v1/subscriptions/{started['subscription_id']}").json()["status"] == "ACTIVE"


def test_a_month_with_two_failed_payments_then_success(stack):
    client = company(stack)
    started = start(client, addons=[{"id": "extra_users", "quantity": 1}])
    subscription = started["subscription_id"]
    detail = complete(client, started["session_id"], "pm_sepa_debit").json()
    assert detail["status"] == "ACTIVE" and detail["current_period_start"].endswith("T00:00:00Z")
    [(first_invoice, _, _, first_intent)] = attempts(stack, subscription)
    settle(stack, subscription, first_invoice, 1, first_intent, succeeded=True, amount=69_020)

    # The period ends: the next period's invoice is issued and charged (a debit in flight).
    period_end = int(psql(stack, "SELECT extract(epoch FROM current_period_end)::bigint FROM subscriptions "
                                 f"WHERE id = {quoted(subscription)}::uuid"))
    collect(stack, period_end + 3600)
    runs = invoices(stack, subscription)
    assert [status for status, _, _ in runs] == ["PAID", "OPEN"] and runs[1][1] >= 69_020
    second_invoice, _, _, second_intent = attempts(stack, subscription)[-1]
    amount = runs[1][1]

    settle(stack, subscription, second_invoice, 1, second_intent, succeeded=False, amount=amount)
    assert client.api("GET", f"/api/v1/subscriptions/{subscription}").json()["status"] == "PAST_DUE"
    failed_at = int(time.time())
    collect(stack, failed_at + 2 * DAY)
    assert len(attempts(stack, subscription)) == 2
    collect(stack, failed_at + 3 * DAY + 60)
    _, attempt, _, intent = attempts(stack, subscription)[-1]
    assert attempt == 2
    settle(stack, subscription, second_invoice, 2, intent, succeeded=False, amount=amount)
    assert client.api("GET", f"/api/v1/subscriptions/{subscription}").json()["status"] == "PAST_DUE"
    collect(stack, failed_at + 7 * DAY + 60)
    _, attempt, _, intent = attempts(stack, subscription)[-1]
    assert attempt == 3
    settle(stack, subscription, second_invoice, 3, intent, succeeded=True, amount=amount)

    body = client.api("GET", f"/api/v1/subscriptions/{subscription}").json()
    assert body["status"] == "ACTIVE" and body["dunning"] is None
    assert [s for s, _, _ in invoices(stack, subscription)] == ["PAID", "PAID"]
    assert [status for _, _, status, _ in attempts(stack, subscription)] == [
        "SUCCEEDED", "FAILED", "FAILED", "SUCCEEDED"]
    assert history(stack, subscription) == ["mail.payment_failed", "mail.payment_failed", "mail.reactivated"]
    # The three notices are delivered (in development: .eml files), in order, in German.
    key = quoted("subscription-notice:" + subscription + ":")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        sent = psql(stack, "SELECT count(*) FROM mail_outbox WHERE template = 'subscription-notice' AND status = 'SENT' "
                           f"AND starts_with(dedupe_key, {key})")
        if sent == "3":
            break
        time.sleep(0.2)
    assert sent == "3"
    keys = psql(stack, f"SELECT dedupe_key FROM mail_outbox WHERE starts_with(dedupe_key, {key}) ORDER BY id").split()
    assert [k.split(":")[2] for k in keys] == ["payment_failed", "payment_failed", "reactivated"]
    states = [tuple(line.split("|")) for line in psql(
        stack, f"SELECT from_status, to_status FROM subscription_events WHERE subscription_id = {quoted(subscription)}"
               "::uuid AND event LIKE 'payment.%' ORDER BY id").splitlines()]
    assert states == [("ACTIVE", "PAST_DUE"), ("PAST_DUE", "PAST_DUE"), ("PAST_DUE", "ACTIVE")]


def test_cancel_at_period_end_and_change_plan(stack):
    client = company(stack)
    first = start(client)
    second = start(client)
    for started in (first, second):
        assert complete(client, started["session_id"], "pm_card_visa").json()["status"] == "ACTIVE"
    changed = client.api("POST", f"/api/v1/subscriptions/{first['subscription_id']}/change",
                         {"plan_id": "assistant_business"})
    assert changed.status_code == 200 and changed.json()["pending_plan_id"] == "assistant_business"
    canceled = client.api("POST", f"/api/v1/subscriptions/{second['subscription_id']}/cancel", {})
    assert canceled.status_code == 200 and canceled.json()["cancel_at_period_end"] is True
    period_end = int(psql(stack, "SELECT extract(epoch FROM current_period_end)::bigint FROM subscriptions "
                                 f"WHERE id = {quoted(first['subscription_id'])}::uuid"))
    collect(stack, period_end + 60)
    renewed = client.api("GET", f"/api/v1/subscriptions/{first['subscription_id']}").json()
    assert renewed["plan_id"] == "assistant_business" and renewed["status"] == "ACTIVE"
    assert [g for _, g, _ in invoices(stack, first["subscription_id"])][:2] == [58_310, 177_310]
    ended = client.api("GET", f"/api/v1/subscriptions/{second['subscription_id']}").json()
    assert ended["status"] == "CANCELED" and ended["canceled_at"]
    assert_problem(client.api("POST", f"/api/v1/subscriptions/{second['subscription_id']}/cancel", {}), 409)
    listed = client.api("GET", "/api/v1/subscriptions").json()["subscriptions"]
    assert {s["id"] for s in listed} >= {first["subscription_id"], second["subscription_id"]}
    assert {"id", "plan_id", "status", "current_period_start", "current_period_end",
            "cancel_at_period_end"} <= set(listed[0])
    audited = psql(stack, "SELECT count(*) FROM audit_log WHERE action IN ('subscription.change', "
                          f"'subscription.cancel') AND target IN ({quoted(first['subscription_id'])}, "
                          f"{quoted(second['subscription_id'])})")
    assert int(audited) == 2


@pytest.mark.parametrize("body,field", [
    ({"plan_id": "nope"}, "plan_id"),
    ({"plan_id": "ai_assessment"}, "plan_id"),
    ({"plan_id": "assistant_starter", "addons": [{"id": "onboarding_workshop"}]}, "addons"),
    ({"plan_id": "assistant_starter", "addons": [{"id": "extra_users", "quantity": 999}]}, "addons"),
    ({"plan_id": "assistant_starter", "addons": {}}, "addons"),
    ({"plan_id": "assistant_starter", "extra": 1}, "extra"),
    ({}, "plan_id"),
])
def test_bad_starts_are_problems_and_write_nothing(stack, body, field):
    client = company(stack)
    problem = assert_problem(client.api("POST", "/api/v1/subscriptions", body), 422)
    assert field in {error["field"] for error in problem["errors"]}
    company_id = client.api("GET", "/api/v1/me").json()["company"]["id"]
    assert psql(stack, f"SELECT count(*) FROM subscriptions WHERE company_id = {quoted(company_id)}::uuid") == "0"


def test_lifecycle_routes_refuse_strangers_and_bad_input(stack):
    owner = company(stack)
    stranger = company(stack)
    started = start(owner)
    subscription = started["subscription_id"]
    assert_problem(stranger.api("GET", f"/api/v1/subscriptions/{subscription}"), 404)
    assert_problem(stranger.api("POST", f"/api/v1/subscriptions/{subscription}/cancel", {}), 404)
    assert_problem(stranger.api("POST", f"/api/v1/subscriptions/{subscription}/change",
                                {"plan_id": "assistant_business"}), 404)
    assert_problem(stranger.api("POST", f"/api/v1/subscriptions/{subscription}/payment-method"), 404)
    assert_problem(complete(stranger, started["session_id"], "pm_card_visa"), 404)
    assert_problem(owner.api("GET", f"/api/v1/subscriptions/{uuid.uuid4()}"), 404)
    assert_problem(owner.api("POST", f"/api/v1/subscriptions/{subscription}/change",
                             {"plan_id": "assistant_business"}), 409)
    assert_problem(complete(owner, started["session_id"], "pm_unknown"), 422)
    assert complete(owner, started["session_id"], "pm_card_visa").json()["status"] == "ACTIVE"
    assert_problem(owner.api("POST", f"/api/v1/subscriptions/{subscription}/cancel", {"immediately": True}), 403)
    assert_problem(owner.api("POST", f"/api/v1/subscriptions/{subscription}/cancel", {"immediately": "yes"}), 422)
    assert_problem(owner.api("POST", f"/api/v1/subscriptions/{subscription}/change", {"plan_id": "assistant_starter"}),
                   422)
    assert_problem(owner.api("POST", "/api/v1/subscriptions", {"plan_id": "assistant_starter"}, csrf=False), 403)
    detail = owner.api("GET", f"/api/v1/subscriptions/{subscription}").json()
    assert detail["cancel_at_period_end"] is False and detail["pending_plan_id"] is None
    assert psql(stack, f"SELECT count(*) FROM audit_log WHERE target = {quoted(subscription)} AND action <> "
                       "'subscription.create'") == "0"


def test_an_admin_ends_an_unpaid_subscription_now_and_what_is_left_is_collected(stack):
    """Issue #11 item 4 through nginx: while the first debit is in flight an immediate cancellation is a 409 that
    writes nothing; after it failed the cancellation reduces the invoice (a SETTLED correction), charges what is
    left at once, and the invoice's dunning goes on after the end until the remainder is paid."""
    from test_incidents import staff

    client = company(stack)
    started = start(client)
    subscription = started["subscription_id"]
    assert complete(client, started["session_id"], "pm_sepa_debit").json()["status"] == "ACTIVE"
    [(invoice, _, _, first_intent)] = attempts(stack, subscription)
    admin = staff(stack, "admin")
    path = f"/api/v1/subscriptions/{subscription}/cancel"

    refused = assert_problem(admin.api("POST", path, {"immediately": True}), 409)
    assert "payment" in refused["detail"]
    assert client.api("GET", f"/api/v1/subscriptions/{subscription}").json()["status"] == "ACTIVE"
    assert psql(stack, f"SELECT count(*) FROM invoices WHERE corrects = {quoted(invoice)}::uuid") == "0"

    settle(stack, subscription, invoice, 1, first_intent, succeeded=False, amount=58_310)
    failed_at = int(time.time())
    ended = admin.api("POST", path, {"immediately": True})
    assert ended.status_code == 200 and ended.json()["status"] == "CANCELED", ended.text
    detail = client.api("GET", f"/api/v1/invoices/{invoice}").json()
    open_cents = detail["open_cents"]
    assert detail["status"] == "OPEN" and 0 < open_cents < 58_310
    assert psql(stack, f"SELECT status, reduction_key FROM invoices WHERE corrects = {quoted(invoice)}::uuid") \
        == f"SETTLED|unused:{subscription}"
    _, attempt, status, intent = attempts(stack, subscription)[-1]
    assert (attempt, status) == (2, "PROCESSING")
    assert psql(stack, f"SELECT amount_cents FROM subscription_payments WHERE payment_intent_id = {quoted(intent)}") \
        == str(open_cents)

    settle(stack, subscription, invoice, 2, intent, succeeded=False, amount=open_cents)
    body = client.api("GET", f"/api/v1/subscriptions/{subscription}").json()
    assert body["status"] == "CANCELED" and body["dunning"]["failed_attempts"] == 2, body
    assert history(stack, subscription) == ["mail.payment_failed", "mail.canceled", "mail.payment_failed"]
    collect(stack, failed_at + 7 * DAY + 60)
    _, attempt, _, intent = attempts(stack, subscription)[-1]
    assert attempt == 3
    settle(stack, subscription, invoice, 3, intent, succeeded=True, amount=open_cents)
    assert psql(stack, f"SELECT status, paid_cents FROM invoices WHERE id = {quoted(invoice)}::uuid") \
        == f"PAID|{open_cents}"
    body = client.api("GET", f"/api/v1/subscriptions/{subscription}").json()
    assert body["status"] == "CANCELED" and body["dunning"] is None
