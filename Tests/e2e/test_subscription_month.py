"""Issue #11's proof, a month simulated end to end through nginx, the pool, the jobs process and the real
`codezero billing run --as-of` (mock payments): subscribe (setup-mode Checkout), ingest usage above the included
minutes with a bearer token (`POST /api/v1/usage`), bill the period — the invoice carries the next month's base fee
and exactly the overage, and its XRechnung passes the KoSIT validator —, the charge fails twice and then succeeds
(PAST_DUE → ACTIVE, a mail per step, in order), change plan (next period), cancel at period end (CANCELED)."""

from __future__ import annotations

import calendar
import email
import email.policy
import time
from datetime import datetime, timezone

from helpers import assert_problem, wait_for
from money_support import Client, company, psql, quoted
from test_selfservice import validate_xrechnung

HOUR = 3_600
DAY = 86_400


def epoch(timestamp: str) -> int:
    return calendar.timegm(datetime.strptime(timestamp, "%Y-%m-%dT%H:%M:%SZ").timetuple())


def iso(seconds: float) -> str:
    return datetime.fromtimestamp(seconds, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def billing_run(stack, as_of: int) -> str:
    """`codezero billing run --as-of` against the stack's database; exit 0 and its summary line."""
    result = stack.codezero("billing", "run", "--as-of", str(as_of), timeout=180)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def subscription(client, subscription_id: str) -> dict:
    response = client.api("GET", f"/api/v1/subscriptions/{subscription_id}")
    assert response.status_code == 200, response.text
    return response.json()


def notices(stack, recipient: str) -> list[str]:
    """Subjects of the subscription notices mailed to `recipient` (development mail folder), oldest first."""
    found = []
    for path in (stack.var / "mail").glob("*-subscription-notice.eml"):
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        if message["To"].addresses[0].addr_spec.lower() == recipient.lower():
            found.append((int(path.name.split("-", 1)[0]), str(message["Subject"])))
    return [subject for _, subject in sorted(found)]


def period_invoice(stack, subscription_id: str, service_start: str) -> str:
    return psql(stack, f"SELECT id FROM invoices WHERE subscription_id = {quoted(subscription_id)}::uuid "
                       f"AND service_start = {quoted(service_start)}::date AND kind = 'invoice'")


def test_a_month_of_a_subscription_through_the_billing_run(make_stack):
    # A stack of its own: the billing run closes every due period in the database, and other modules' subscriptions
    # on the shared stack would be closed, charged and retried by the same runs.
    stack = make_stack()
    stack.start()
    client = company(stack, "DE")
    started = client.api("POST", "/api/v1/subscriptions", {"plan_id": "assistant_starter"})
    assert started.status_code == 201, started.text
    sub_id = started.json()["subscription_id"]
    done = client.api("POST", "/api/v1/billing/checkout/complete",
                      {"session_id": started.json()["session_id"], "payment_method": "pm_card_visa"})
    assert done.status_code == 200 and done.json()["status"] == "ACTIVE", done.text
    first = subscription(client, sub_id)
    period_start, period_end = epoch(first["current_period_start"]), epoch(first["current_period_end"])

    # The next month's charge will be declined: a new card saved through a new setup session.
    replaced = client.api("POST", f"/api/v1/subscriptions/{sub_id}/payment-method", {})
    assert replaced.status_code == 201, replaced.text
    assert client.api("POST", "/api/v1/billing/checkout/complete",
                      {"session_id": replaced.json()["session_id"],
                       "payment_method": "pm_card_chargeDeclined"}).status_code == 200

    # Usage above the included 1,000 minutes, sent by a machine with a bearer token: 1,234.5 minutes, a replay
    # of the same batch counts nothing.
    token = client.api("POST", "/api/v1/auth/tokens", {"name": "usage"})
    assert token.status_code == 201, token.text
    robot = Client(stack)
    robot.bearer = token.json()["token"]
    now = time.time()
    occurred = iso(max(period_start + 60, now - 120))
    batch = {"events": [{"id": f"call-{n}", "metric": "assistant_minutes", "quantity": quantity,
                         "occurred_at": occurred} for n, quantity in enumerate(["1000", "200", "34.5"])]}
    sent = robot.api("POST", "/api/v1/usage", batch)
    assert sent.status_code == 202 and sent.json()["accepted"] == 3, sent.text
    replay = robot.api("POST", "/api/v1/usage", batch)
    assert replay.status_code == 202 and replay.json() == {"accepted": 0, "duplicates": 3}, replay.text
    bad = robot.api("POST", "/api/v1/usage", {"events": [{"id": "x", "metric": "assistant_minutes",
                                                          "quantity": "-1", "occurred_at": occurred}]})
    assert_problem(bad, 422)
    current = client.api("GET", "/api/v1/usage/current").json()
    minutes = next(m for m in current["metrics"] if m["metric"] == "assistant_minutes")
    assert (minutes["used"], minutes["included"], minutes["overage"]) == ("1234.5", "1000", "234.5")

    # The billing run at the period's end: the invoice bills the next month (490 €) and the overage of the
    # closed one, 234.5 minutes × 0.05 € = 11.73 € (rounded once), 19 % VAT; the charge is declined.
    as_of = period_end + HOUR
    summary = billing_run(stack, as_of)
    assert "closed 1," in summary and "charged 1," in summary, summary
    next_start = datetime.fromtimestamp(period_end, tz=timezone.utc).strftime("%Y-%m-%d")
    invoice_id = period_invoice(stack, sub_id, next_start)
    assert invoice_id, "no period invoice"
    detail = client.api("GET", f"/api/v1/invoices/{invoice_id}").json()
    assert detail["net_cents"] == 49_000 + 1_173, detail
    assert detail["vat_cents"] == round((49_000 + 1_173) * 0.19), detail
    usage_line = next(line for line in detail["lines"] if line["item_id"] == "assistant_minutes")
    assert (usage_line["quantity"], usage_line["unit_net_price"], usage_line["line_net_cents"]) == (
        "234.5000", "0.0500", 1_173), usage_line
    assert [line["item_id"] for line in detail["lines"]] == ["assistant_starter", "assistant_minutes"]
    assert detail["status"] == "OPEN"
    state = subscription(client, sub_id)
    assert state["status"] == "PAST_DUE" and epoch(state["current_period_start"]) == period_end, state
    # The XRechnung the jobs process rendered passes XSD, EN 16931 and KoSIT.
    xml = wait_for(lambda: (lambda r: r.content if r.status_code == 200 else None)(
        client.get(client.url(f"/api/v1/invoices/{invoice_id}/xml"))), timeout=120,
        message="the period invoice's XML")
    validate_xrechnung(xml)
    # A second run at the same time changes nothing (the period is closed, the invoice charged once).
    assert "closed 0," in billing_run(stack, as_of)
    attempts = psql(stack, f"SELECT attempt || ':' || status FROM subscription_payments WHERE invoice_id = "
                           f"{quoted(invoice_id)}::uuid ORDER BY attempt").splitlines()
    assert attempts == ["1:FAILED"]

    # Day 3: the first retry is declined as well; then a working card, which pays at once: ACTIVE again, and on
    # day 7 no retry is left to start.
    assert "retries started 1" in billing_run(stack, as_of + 3 * DAY)
    assert subscription(client, sub_id)["status"] == "PAST_DUE"
    fixed = client.api("POST", f"/api/v1/subscriptions/{sub_id}/payment-method", {})
    assert client.api("POST", "/api/v1/billing/checkout/complete",
                      {"session_id": fixed.json()["session_id"], "payment_method": "pm_card_visa"}).status_code == 200
    assert subscription(client, sub_id)["status"] == "ACTIVE"
    assert "retries started 0" in billing_run(stack, as_of + 7 * DAY)
    attempts = psql(stack, f"SELECT attempt || ':' || status FROM subscription_payments WHERE invoice_id = "
                           f"{quoted(invoice_id)}::uuid ORDER BY attempt").splitlines()
    assert attempts == ["1:FAILED", "2:FAILED", "3:SUCCEEDED"]
    assert client.api("GET", f"/api/v1/invoices/{invoice_id}").json()["status"] == "PAID"
    assert subscription(client, sub_id)["status"] == "ACTIVE"
    # States in order, and a mail for each step, in order (German: a German company).
    history = [entry["event"] for entry in subscription(client, sub_id)["history"]]
    steps = [e for e in history if e in ("period.ended", "payment.failed", "retry.started", "payment_method.updated",
                                         "payment.succeeded")]
    assert steps == ["payment_method.updated", "period.ended", "payment.failed", "retry.started", "payment.failed",
                     "payment_method.updated", "payment.succeeded"], history
    wait_for(lambda: len(notices(stack, client.email)) >= 3, timeout=60, message="three subscription notices")
    subjects = notices(stack, client.email)
    assert len(subjects) == 3, subjects
    assert "Zahlung fehlgeschlagen" in subjects[0] and "Zahlung fehlgeschlagen" in subjects[1], subjects
    assert "wieder aktiv" in subjects[2], subjects

    # Change plan: Business from the next period; that period's invoice bills 1,490 €, paid at once.
    changed = client.api("POST", f"/api/v1/subscriptions/{sub_id}/change", {"plan_id": "assistant_business"})
    assert changed.status_code == 200, changed.text
    assert subscription(client, sub_id)["pending_plan_id"] == "assistant_business"
    second_end = epoch(subscription(client, sub_id)["current_period_end"])
    billing_run(stack, second_end + HOUR)
    state = subscription(client, sub_id)
    assert (state["plan_id"], state["pending_plan_id"], state["status"]) == ("assistant_business", None, "ACTIVE")
    third_start = datetime.fromtimestamp(second_end, tz=timezone.utc).strftime("%Y-%m-%d")
    third = client.api("GET", f"/api/v1/invoices/{period_invoice(stack, sub_id, third_start)}").json()
    assert (third["net_cents"], third["status"]) == (149_000, "PAID"), third

    # Cancel at period end: still ACTIVE until then, CANCELED by the run after it, no invoice for it (no overage).
    cancelled = client.api("POST", f"/api/v1/subscriptions/{sub_id}/cancel", {})
    assert cancelled.status_code == 200 and cancelled.json()["cancel_at_period_end"] is True, cancelled.text
    third_end = epoch(subscription(client, sub_id)["current_period_end"])
    before = psql(stack, f"SELECT count(*) FROM invoices WHERE subscription_id = {quoted(sub_id)}::uuid")
    billing_run(stack, third_end + HOUR)
    assert subscription(client, sub_id)["status"] == "CANCELED"
    assert psql(stack, f"SELECT count(*) FROM invoices WHERE subscription_id = {quoted(sub_id)}::uuid") == before
    assert "closed 0," in billing_run(stack, third_end + 40 * DAY)
