"""Payments against the Stripe stand-in (a dedicated stack with STRIPE_SECRET_KEY and STRIPE_API_BASE): the
Checkout request as Stripe wants it, the success page confirming with Stripe (also racing the webhook),
the provider failing or hanging (a prompt 503, never a hung request, the circuit breaker), and the
reconciliation of stale PENDING purchases."""

from __future__ import annotations

import json
import shutil
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

import pytest

from conftest import make_var
from helpers import assert_problem, wait_for
from money_support import (
    AT_VAT_ID, ConfiguredStack, await_job, company, deliver, enqueue_job, event, form_token, grants, logs_of, psql,
    purchase_row, quoted, secret_leaks, webhook_secret,
)
from stripe_standin import API_VERSION, StandIn


@pytest.fixture(scope="module")
def standin():
    instance = StandIn().start()
    yield instance
    instance.stop()


@pytest.fixture(scope="module")
def stripe_stack(standin):
    # One worker: its circuit breaker is the only one, so "repeated failures" is a known number.
    var = make_var("cz-e2e-stripe-")
    instance = ConfiguredStack(var=var, workers=1, extra_env={"STRIPE_SECRET_KEY": standin.secret_key,
                                                              "STRIPE_API_BASE": standin.base_url})
    try:
        instance.start()
        yield instance
        instance.stop()
    finally:
        instance.stop(check=False)
        shutil.rmtree(var, ignore_errors=True)
        for log in var.parent.glob(f"{var.name}-stack-*.log"):
            log.unlink(missing_ok=True)


def created_sessions(standin) -> list[dict]:
    with standin.lock:
        return [dict(r) for r in standin.requests if r["method"] == "POST" and r["path"] == "/v1/checkout/sessions"]


def start_credits(client, product: str = "credits_5", language: str = "de"):
    return client.api("POST", "/api/v1/billing/checkout/session", {"product_id": product, "language": language})


def test_checkout_sessions_are_created_at_stripe_as_stripe_wants_them(stripe_stack, standin):
    stack = stripe_stack
    for country, vat_id, charged in (("DE", None, 832), ("AT", AT_VAT_ID, 699)):
        client = company(stack, country, vat_id)
        response = start_credits(client)
        assert response.status_code == 201, response.text
        started = response.json()
        assert started["amount_cents"] == charged
        assert started["session_id"].startswith("cs_test_standin_")
        assert started["checkout_url"] == f"https://checkout.stripe.com/c/pay/{started['session_id']}"

        request = created_sessions(standin)[-1]
        assert request["headers"]["stripe-version"] == API_VERSION
        assert request["headers"]["idempotency-key"] == f"{started['purchase_id']}-checkout-v1"
        assert request["headers"]["authorization"] == f"Bearer {standin.secret_key}"
        form = dict(urllib.parse.parse_qsl(request["body"], keep_blank_values=True))
        assert form["mode"] == "payment"
        assert form["client_reference_id"] == started["purchase_id"]
        assert form["metadata[purchase_id]"] == started["purchase_id"]
        public = stack.env["CODEZERO_PUBLIC_URL"]
        assert form["success_url"] == f"{public}/de/checkout/success?session_id={{CHECKOUT_SESSION_ID}}"
        assert form["cancel_url"] == f"{public}/de/checkout/cancel"
        assert form["customer_email"] == client.email
        total, index = 0, 0
        while f"line_items[{index}][price_data][unit_amount]" in form:
            assert form[f"line_items[{index}][price_data][currency]"] == "eur"
            total += int(form[f"line_items[{index}][price_data][unit_amount]"]) * int(
                form.get(f"line_items[{index}][quantity]", "1"))
            index += 1
        assert total == charged and index == (2 if charged == 832 else 1), form
        session = standin.sessions[started["session_id"]]
        assert session["amount_total"] == charged
        purchase = client.api("GET", f"/api/v1/billing/purchases/{started['purchase_id']}").json()
        assert (purchase["provider"], purchase["status"], purchase["provider_ref"]) == (
            "STRIPE", "PENDING", started["session_id"])
        # Mock mode's completion does not exist with a real provider.
        assert_problem(client.api("POST", "/api/v1/billing/checkout/complete",
                                  {"session_id": started["session_id"]}), 404)

    # An order: several lines with quantities (a one-off package; monthly ones are subscriptions), Stripe's names.
    client = company(stack, "DE")
    order = client.api("POST", "/api/v1/orders", {"package": "ai_assessment",
                                                  "addons": [{"id": "system_integration", "quantity": 2},
                                                             {"id": "onboarding_workshop", "quantity": 1}]})
    assert order.status_code == 201, order.text
    checkout = client.api("POST", f"/api/v1/orders/{order.json()['id']}/checkout?language=en", {})
    assert checkout.status_code == 201, checkout.text
    assert checkout.json()["amount_cents"] == order.json()["gross_cents"]
    form = dict(urllib.parse.parse_qsl(created_sessions(standin)[-1]["body"], keep_blank_values=True))
    lines = [key for key in form if key.endswith("[price_data][unit_amount]")]
    assert len(lines) == len(order.json()["lines"]) + 1, form
    assert sum(int(form[key]) * int(form[key.replace("[price_data][unit_amount]", "[quantity]")]) for key in lines) \
        == order.json()["gross_cents"]
    assert form["success_url"].endswith("/en/checkout/success?session_id={CHECKOUT_SESSION_ID}")
    assert standin.sessions[checkout.json()["session_id"]]["amount_total"] == order.json()["gross_cents"]


def test_the_success_page_asks_stripe_and_fulfils_once_paid(stripe_stack, standin):
    stack = stripe_stack
    client = company(stack)
    started = start_credits(client, language="en").json()
    page = client.get(client.url(f"/en/checkout/success?session_id={started['session_id']}"))
    assert page.status_code == 200
    assert purchase_row(stack, started["purchase_id"]) == ("PENDING", 0)
    assert standin.mark(started["session_id"], "paid")
    paid = client.get(client.url(f"/en/checkout/success?session_id={started['session_id']}"))
    assert paid.status_code == 200 and paid.text != page.text
    assert purchase_row(stack, started["purchase_id"]) == ("PAID", 5)
    for _ in range(3):
        assert client.get(client.url(f"/en/checkout/success?session_id={started['session_id']}")).status_code == 200
    assert grants(stack, started["purchase_id"]) == 1
    assert client.api("GET", "/api/v1/billing/balance").json()["credits"] == 5
    # Another company's session id shows nothing and fulfils nothing.
    other = company(stack)
    second = start_credits(client).json()
    assert standin.mark(second["session_id"], "paid")
    assert other.get(other.url(f"/en/checkout/success?session_id={second['session_id']}")).status_code == 200
    assert purchase_row(stack, second["purchase_id"]) == ("PENDING", 0)


def test_the_success_page_racing_the_webhook_grants_exactly_once(stripe_stack, standin):
    stack = stripe_stack
    client = company(stack)
    rounds = []
    for _ in range(8):
        started = start_credits(client).json()
        assert standin.mark(started["session_id"], "paid")
        body = event("checkout.session.completed", started["session_id"], started["purchase_id"], 832)
        with ThreadPoolExecutor(max_workers=4) as pool:
            pages = [pool.submit(client.get, client.url(f"/de/checkout/success?session_id={started['session_id']}"))
                     for _ in range(3)]
            hook = pool.submit(deliver, stack, body)
            assert hook.result().status_code == 200
            assert all(page.result().status_code == 200 for page in pages)
        rounds.append((started["purchase_id"], json.loads(body)["id"]))
    for purchase_id, event_id in rounds:
        wait_for(lambda: psql(stack, f"SELECT processed_at IS NOT NULL FROM stripe_events WHERE id = "
                                     f"{quoted(event_id)}") == "t", timeout=20, message="webhook processed")
        assert purchase_row(stack, purchase_id) == ("PAID", 5)
        assert grants(stack, purchase_id) == 1
    assert client.api("GET", "/api/v1/billing/balance").json()["credits"] == 5 * len(rounds)


def test_an_unpaid_completion_event_is_checked_against_stripe_as_it_is_now(stripe_stack, standin):
    stack = stripe_stack
    client = company(stack)
    settled, unpaid = start_credits(client).json(), start_credits(client).json()
    # The event says "unpaid" (a delayed method); by the time it is handled Stripe says paid for one of them.
    assert standin.mark(settled["session_id"], "paid")
    assert standin.mark(unpaid["session_id"], "unpaid")
    ids = []
    for started in (settled, unpaid):
        body = event("checkout.session.completed", started["session_id"], started["purchase_id"], 832, paid=False)
        assert deliver(stack, body).status_code == 200
        ids.append(json.loads(body)["id"])
    for event_id in ids:
        wait_for(lambda: psql(stack, f"SELECT processed_at IS NOT NULL FROM stripe_events WHERE id = "
                                     f"{quoted(event_id)}") == "t", timeout=20, message="event processed")
    assert purchase_row(stack, settled["purchase_id"]) == ("PAID", 5)
    assert purchase_row(stack, unpaid["purchase_id"]) == ("PENDING", 0)
    retrieved = [r for r in standin.requests if r["method"] == "GET" and r["path"].endswith(settled["session_id"])]
    assert retrieved, "the handler did not ask Stripe"


def test_a_new_checkout_for_an_order_expires_the_superseded_session(stripe_stack, standin):
    # STRIPE.md: two open sessions for one order could both be paid; the older one is expired first.
    stack = stripe_stack
    client = company(stack)
    order = client.api("POST", "/api/v1/orders", {"package": "ai_assessment", "addons": []}).json()
    first = client.api("POST", f"/api/v1/orders/{order['id']}/checkout", {}).json()
    second = client.api("POST", f"/api/v1/orders/{order['id']}/checkout", {})
    assert second.status_code == 201, second.text
    assert standin.sessions[first["session_id"]]["status"] == "expired"
    assert standin.sessions[second.json()["session_id"]]["status"] == "open"
    assert purchase_row(stack, first["purchase_id"])[0] == "FAILED"
    assert purchase_row(stack, second.json()["purchase_id"])[0] == "PENDING"

    # The buyer paid the open session in another tab before its webhook arrived: no third session, 409.
    assert standin.mark(second.json()["session_id"], "paid")
    third = client.api("POST", f"/api/v1/orders/{order['id']}/checkout", {})
    assert_problem(third, 409)
    assert purchase_row(stack, second.json()["purchase_id"])[0] == "PAID"
    assert client.api("GET", f"/api/v1/orders/{order['id']}").json()["status"] == "PAID"
    assert psql(stack, f"SELECT count(*) FROM purchases WHERE order_id = {quoted(order['id'])}::uuid") == "2"


def test_reconciliation_fulfils_or_expires_stale_pending_purchases(stripe_stack, standin):
    stack = stripe_stack
    client = company(stack)
    paid, expired, abandoned, fresh = (start_credits(client).json() for _ in range(4))
    assert standin.mark(paid["session_id"], "paid")
    assert standin.mark(expired["session_id"], "expired")
    assert standin.mark(fresh["session_id"], "paid")
    # No webhook ever arrives. Back-date three of them past the 15 minutes (the abandoned one past a day).
    psql(stack, "UPDATE purchases SET created_at = now() - interval '20 minutes' WHERE id IN "
                f"({quoted(paid['purchase_id'])}::uuid, {quoted(expired['purchase_id'])}::uuid)")
    psql(stack, "UPDATE purchases SET created_at = now() - interval '26 hours' WHERE id = "
                f"{quoted(abandoned['purchase_id'])}::uuid")
    assert await_job(stack, enqueue_job(stack, "purchases.reconcile")) == "done"
    assert purchase_row(stack, paid["purchase_id"]) == ("PAID", 5)
    assert purchase_row(stack, expired["purchase_id"]) == ("FAILED", 0)
    assert purchase_row(stack, abandoned["purchase_id"]) == ("FAILED", 0)
    assert standin.sessions[abandoned["session_id"]]["status"] == "expired"
    # Younger than 15 minutes: left to the webhook, even though Stripe says paid.
    assert purchase_row(stack, fresh["purchase_id"]) == ("PENDING", 0)
    # Running it again changes nothing.
    assert await_job(stack, enqueue_job(stack, "purchases.reconcile")) == "done"
    assert grants(stack, paid["purchase_id"]) == 1
    assert client.api("GET", "/api/v1/billing/balance").json()["credits"] == 5


def last_purchase_status(stack, client) -> str:
    return psql(stack, f"SELECT status FROM purchases WHERE company_id = {quoted(client.company['id'])}::uuid "
                       "ORDER BY created_at DESC LIMIT 1")


def test_a_hanging_provider_gets_a_prompt_503_and_the_purchase_fails(stripe_stack, standin):
    stack = stripe_stack
    client = company(stack)
    standin.fail_next(3, "hang", seconds=40)
    began = time.monotonic()
    response = start_credits(client)
    elapsed = time.monotonic() - began
    body = assert_problem(response, 503)
    assert "Retry-After" in response.headers and body["detail"]
    assert elapsed < 25, elapsed
    assert last_purchase_status(stack, client) == "FAILED"
    with standin.lock:
        standin.faults.clear()
    # The provider is back: the next checkout works.
    assert start_credits(client).status_code == 201


def test_provider_errors_are_503_and_repeated_failures_open_the_circuit(stripe_stack, standin):
    # Last in the file: the open circuit refuses calls for its cool-down.
    stack = stripe_stack
    client = company(stack)
    standin.fail_next(100, "status", status=500)
    durations, fast = [], None
    for attempt in range(8):
        before = len(standin.requests)
        began = time.monotonic()
        response = start_credits(client)
        durations.append(time.monotonic() - began)
        assert_problem(response, 503)
        assert last_purchase_status(stack, client) == "FAILED"
        if len(standin.requests) == before:
            fast = attempt
            break
    with standin.lock:
        standin.faults.clear()
    assert fast is not None, durations
    # Five failed calls (each retried) open it; the refused call does not reach Stripe and is quick.
    assert fast == 5, (fast, durations)
    assert durations[-1] < 1.0 and max(durations) < 10, durations
    assert psql(stack, f"SELECT count(*) FROM purchases WHERE company_id = {quoted(client.company['id'])}::uuid "
                       "AND status = 'PENDING'") == "0"
    # The portal's form answers the open circuit at once with its error page, not a hang.
    page = client.get(client.url("/de/konto/credits"))
    began = time.monotonic()
    refused = client.post(client.url("/de/konto/credits"), allow_redirects=False,
                          data={"csrf_token": form_token(page.text), "product_id": "credits_5"})
    assert refused.status_code == 503 and time.monotonic() - began < 2
    assert refused.headers["Content-Type"].startswith("text/html")


def test_the_stripe_secret_key_is_never_logged(stripe_stack, standin):
    texts = logs_of(stripe_stack)
    assert "Stripe" in texts["stack log"]
    assert secret_leaks(texts, [standin.secret_key, webhook_secret(stripe_stack)]) == []
