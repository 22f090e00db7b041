"""Payments in mock mode (no STRIPE_SECRET_KEY) through nginx and the jobs process: the seed's credit-pack
flow, VAT by the buyer, signed webhooks (duplicates, concurrency, order, unknown types, a jobs process
killed mid-handler), configurator orders and the portal's purchase pages."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from conftest import make_var
from helpers import assert_problem, wait_for
from money_support import (
    AT_VAT_ID, ConfiguredStack, PsqlSession, client_secrets, company, deliver, event, form_token, grants, logs_of,
    psql, purchase_row, quoted, secret_leaks, trigger,
)
from stack import ROOT, codezero_binary


def start_credits(client, product: str = "credits_5") -> dict:
    response = client.api("POST", "/api/v1/billing/checkout/session", {"product_id": product})
    assert response.status_code == 201, response.text
    return response.json()


def event_count(stack) -> int:
    return int(psql(stack, "SELECT count(*) FROM stripe_events"))


def test_products_are_listed_with_net_prices(stack):
    client = company(stack)
    products = {item["id"]: item for item in client.api("GET", "/api/v1/billing/products").json()["products"]}
    assert (products["credits_5"]["credits"], products["credits_5"]["net_cents"]) == (5, 699)
    assert products["credits_5"]["currency"] == "EUR"


def test_the_seed_flow_charges_german_vat_completes_once_and_grants_five(stack):
    client = company(stack, "DE")
    started = start_credits(client)
    assert (started["amount_cents"], started["currency"]) == (832, "EUR")
    assert started["checkout_url"] == (f"{stack.env['CODEZERO_PUBLIC_URL']}/de/checkout/success?session_id="
                                       f"{started['session_id']}")
    purchase = client.api("GET", f"/api/v1/billing/purchases/{started['purchase_id']}").json()
    assert (purchase["status"], purchase["net_cents"], purchase["vat_cents"]) == ("PENDING", 699, 133)
    assert purchase["reverse_charge"] is False and purchase["provider"] == "MOCK"

    completed = client.api("POST", "/api/v1/billing/checkout/complete", {"session_id": started["session_id"]})
    assert completed.status_code == 200, completed.text
    assert completed.json()["status"] == "PAID" and completed.json()["paid_at"]
    assert client.api("GET", "/api/v1/billing/balance").json()["credits"] == 5
    again = client.api("POST", "/api/v1/billing/checkout/complete", {"session_id": started["session_id"]})
    assert again.status_code == 200 and again.json()["status"] == "PAID"
    assert client.api("GET", "/api/v1/billing/balance").json()["credits"] == 5
    assert grants(stack, started["purchase_id"]) == 1

    assert_problem(client.api("POST", "/api/v1/billing/checkout/complete", {"session_id": "cs_mock_nope"}), 404)
    assert_problem(client.api("POST", "/api/v1/billing/checkout/complete", {"session_id": "cs_test_x"}), 404)
    # Another company cannot complete this company's session.
    other = company(stack)
    pending = start_credits(client)
    assert_problem(other.api("POST", "/api/v1/billing/checkout/complete", {"session_id": pending["session_id"]}), 404)
    assert purchase_row(stack, pending["purchase_id"]) == ("PENDING", 0)


def test_twenty_concurrent_completions_grant_once(stack):
    client = company(stack)
    started = start_credits(client)
    with ThreadPoolExecutor(max_workers=20) as pool:
        statuses = list(pool.map(lambda _: client.api("POST", "/api/v1/billing/checkout/complete",
                                                      {"session_id": started["session_id"]}).status_code, range(20)))
    assert statuses == [200] * 20, statuses
    assert purchase_row(stack, started["purchase_id"]) == ("PAID", 5)
    assert grants(stack, started["purchase_id"]) == 1


def test_the_mock_success_page_offers_the_simulated_payment_as_a_form(stack):
    client = company(stack)
    started = start_credits(client)
    page = client.get(client.url(f"/de/checkout/success?session_id={started['session_id']}"))
    assert page.status_code == 200 and f'value="{started["session_id"]}"' in page.text
    paid = client.post(client.url("/de/checkout/simulate"), allow_redirects=False,
                       data={"csrf_token": form_token(page.text), "session_id": started["session_id"]})
    assert paid.status_code == 303
    assert paid.headers["Location"] == f"/de/checkout/success?session_id={started['session_id']}"
    assert purchase_row(stack, started["purchase_id"]) == ("PAID", 5)
    shown = client.get(client.url(paid.headers["Location"]))
    assert f'value="{started["session_id"]}"' not in shown.text
    # Another company cannot use the form on this company's session.
    other = company(stack)
    pending = start_credits(client)
    other_page = other.get(other.url("/de/konto/credits"))
    refused = other.post(other.url("/de/checkout/simulate"), allow_redirects=False,
                         data={"csrf_token": form_token(other_page.text), "session_id": pending["session_id"]})
    assert refused.status_code == 404
    assert purchase_row(stack, pending["purchase_id"]) == ("PENDING", 0)


def test_an_austrian_company_with_a_vat_id_pays_net_under_reverse_charge(stack):
    client = company(stack, "AT", AT_VAT_ID)
    started = start_credits(client)
    assert started["amount_cents"] == 699
    purchase = client.api("GET", f"/api/v1/billing/purchases/{started['purchase_id']}").json()
    assert (purchase["vat_cents"], purchase["reverse_charge"], purchase["buyer_vat_id"]) == (0, True, AT_VAT_ID)
    assert purchase["legal_note"]["de"] and purchase["legal_note"]["en"]


def test_a_signed_webhook_is_stored_and_the_jobs_process_grants_once(stack):
    client = company(stack)
    started = start_credits(client)
    result = trigger(stack, "checkout.session.completed", started["session_id"], started["purchase_id"], 832)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "HTTP 200" in result.stdout
    wait_for(lambda: purchase_row(stack, started["purchase_id"]) == ("PAID", 5), timeout=15,
             message="the jobs process fulfilling the purchase")
    assert client.api("GET", "/api/v1/billing/balance").json()["credits"] == 5
    # A second, different event for the same session changes nothing.
    assert trigger(stack, "checkout.session.completed", started["session_id"], started["purchase_id"],
                   832).returncode == 0
    time.sleep(1)
    wait_for(lambda: psql(stack, "SELECT count(*) FROM stripe_events WHERE processed_at IS NULL AND "
                                 f"payload->'data'->'object'->>'id' = {quoted(started['session_id'])}") == "0",
             timeout=15, message="both events processed")
    assert grants(stack, started["purchase_id"]) == 1
    assert client.api("GET", "/api/v1/billing/balance").json()["credits"] == 5


def test_a_wrong_amount_is_refused_and_nothing_is_granted(stack):
    client = company(stack)
    started = start_credits(client)
    body = event("checkout.session.completed", started["session_id"], started["purchase_id"], 1)
    assert deliver(stack, body).status_code == 200
    event_id = json.loads(body)["id"]
    outcome = wait_for(lambda: psql(stack, f"SELECT outcome FROM stripe_events WHERE id = {quoted(event_id)} "
                                           "AND processed_at IS NOT NULL"), timeout=15, message="event processed")
    assert outcome.startswith("refused"), outcome
    assert purchase_row(stack, started["purchase_id"]) == ("PENDING", 0)


def test_a_bad_signature_is_400_and_stores_nothing(stack):
    client = company(stack)
    started = start_credits(client)
    before = event_count(stack)
    body = event("checkout.session.completed", started["session_id"], started["purchase_id"], 832)
    response = deliver(stack, body, secret="whsec_wrong_secret_0123456789")
    assert_problem(response, 400)
    unsigned = client.post(client.url("/api/v1/billing/webhook"), data=body,
                           headers={"Content-Type": "application/json"})
    assert_problem(unsigned, 400)
    # A correctly signed but replayed delivery (signed 10 minutes ago) is refused too.
    assert_problem(deliver(stack, body, age=600), 400)
    assert event_count(stack) == before
    time.sleep(1)
    assert purchase_row(stack, started["purchase_id"]) == ("PENDING", 0)


def test_twenty_concurrent_deliveries_of_one_event_store_one_row_and_grant_once(stack):
    client = company(stack)
    started = start_credits(client)
    body = event("checkout.session.completed", started["session_id"], started["purchase_id"], 832)
    event_id = json.loads(body)["id"]
    with ThreadPoolExecutor(max_workers=20) as pool:
        responses = list(pool.map(lambda _: deliver(stack, body), range(20)))
    assert all(200 <= response.status_code < 300 for response in responses), [r.status_code for r in responses]
    duplicates = [response.json()["duplicate"] for response in responses]
    assert duplicates.count(False) == 1, duplicates
    assert psql(stack, f"SELECT count(*) FROM stripe_events WHERE id = {quoted(event_id)}") == "1"
    wait_for(lambda: purchase_row(stack, started["purchase_id"]) == ("PAID", 5), timeout=15,
             message="the purchase fulfilled")
    # The jobs process queued the stored event's job (sql/0180): one, whatever the deliveries.
    assert psql(stack, f"SELECT count(*) FROM jobs WHERE dedupe_key = {quoted('stripe:' + event_id)}") == "1"
    assert grants(stack, started["purchase_id"]) == 1


def processed(stack, event_id: str) -> str:
    return wait_for(lambda: psql(stack, f"SELECT outcome FROM stripe_events WHERE id = {quoted(event_id)} "
                                        "AND processed_at IS NOT NULL"), timeout=15, message=f"{event_id} processed")


def test_events_out_of_order_reach_the_right_final_state(stack):
    client = company(stack)
    # async_payment_succeeded first, then the (older) completed-but-unpaid: paid, granted once.
    first = start_credits(client)
    succeeded = event("checkout.session.async_payment_succeeded", first["session_id"], first["purchase_id"], 832)
    unpaid = event("checkout.session.completed", first["session_id"], first["purchase_id"], 832, paid=False)
    for body in (succeeded, unpaid):
        assert deliver(stack, body).status_code == 200
        processed(stack, json.loads(body)["id"])
    assert purchase_row(stack, first["purchase_id"]) == ("PAID", 5)

    # completed (paid), then expired: stays paid.
    second = start_credits(client)
    completed = event("checkout.session.completed", second["session_id"], second["purchase_id"], 832)
    expired = event("checkout.session.expired", second["session_id"], second["purchase_id"], 832, paid=False,
                    status="expired")
    for body in (completed, expired):
        assert deliver(stack, body).status_code == 200
        processed(stack, json.loads(body)["id"])
    assert purchase_row(stack, second["purchase_id"]) == ("PAID", 5)

    # completed-but-unpaid alone leaves it pending; expired then fails it.
    third = start_credits(client)
    for body in (event("checkout.session.completed", third["session_id"], third["purchase_id"], 832, paid=False),
                 event("checkout.session.expired", third["session_id"], third["purchase_id"], 832, paid=False,
                       status="expired")):
        assert deliver(stack, body).status_code == 200
        processed(stack, json.loads(body)["id"])
    assert purchase_row(stack, third["purchase_id"]) == ("FAILED", 0)
    assert client.api("GET", "/api/v1/billing/balance").json()["credits"] == 10


def test_unknown_event_types_are_stored_and_ignored(stack):
    client = company(stack)
    started = start_credits(client)
    body = event("customer.created", started["session_id"], started["purchase_id"], 832)
    event_id = json.loads(body)["id"]
    response = deliver(stack, body)
    assert response.status_code == 200 and response.json()["duplicate"] is False
    assert "ignored" in processed(stack, event_id)
    assert purchase_row(stack, started["purchase_id"]) == ("PENDING", 0)


def test_orders_are_priced_on_the_server_paid_through_checkout_and_fulfilled_by_a_job(stack):
    client = company(stack, "DE")
    configuration = {"package": "ai_assessment", "addons": [{"id": "onboarding_workshop", "quantity": 1}]}
    quote = client.api("POST", "/api/v1/pricing/quote", dict(configuration, country="DE"))
    assert quote.status_code == 200, quote.text
    # The client cannot set prices: extra fields are ignored or refused, never used.
    order = client.api("POST", "/api/v1/orders", configuration)
    assert order.status_code == 201, order.text
    placed = order.json()
    expected = quote.json()["one_time"]["net_cents"]
    assert placed["net_cents"] == expected, (placed, quote.json())
    assert placed["vat_cents"] == round(expected * 0.19) and placed["gross_cents"] == expected + placed["vat_cents"]
    assert placed["status"] == "PENDING" and placed["buyer_country"] == "DE"
    assert client.api("GET", f"/api/v1/orders/{placed['id']}").json()["id"] == placed["id"]
    assert placed["id"] in {entry["id"] for entry in client.api("GET", "/api/v1/orders").json()["orders"]}

    checkout = client.api("POST", f"/api/v1/orders/{placed['id']}/checkout", {})
    assert checkout.status_code == 201, checkout.text
    assert checkout.json()["amount_cents"] == placed["gross_cents"]
    completed = client.api("POST", "/api/v1/billing/checkout/complete", {"session_id": checkout.json()["session_id"]})
    assert completed.status_code == 200 and completed.json()["status"] == "PAID"
    assert client.api("GET", f"/api/v1/orders/{placed['id']}").json()["status"] == "PAID"
    wait_for(lambda: psql(stack, f"SELECT count(*) FROM audit_log WHERE action = 'order.fulfil' AND "
                                 f"target = {quoted(placed['id'])}") == "1", timeout=15,
             message="the order.fulfil job's audit row")
    assert psql(stack, f"SELECT state FROM jobs WHERE dedupe_key = {quoted('order.fulfil:' + placed['id'])}") == "done"
    assert_problem(client.api("POST", f"/api/v1/orders/{placed['id']}/checkout", {}), 409)


def test_a_monthly_package_order_is_paid_as_a_subscription(stack):
    client = company(stack, "DE")
    placed = client.api("POST", "/api/v1/orders", {"package": "assistant_starter",
                                                   "addons": [{"id": "extra_users", "quantity": 2},
                                                              {"id": "onboarding_workshop", "quantity": 1}]})
    assert placed.status_code == 201, placed.text
    order = placed.json()
    checkout = client.api("POST", f"/api/v1/orders/{order['id']}/checkout", {})
    assert checkout.status_code == 201, checkout.text
    started = checkout.json()
    assert started["mode"] == "setup" and "purchase_id" not in started
    assert started["amount_cents"] == order["gross_cents"]
    assert psql(stack, f"SELECT count(*) FROM purchases WHERE order_id = {quoted(order['id'])}::uuid") == "0"
    completed = client.api("POST", "/api/v1/billing/checkout/complete",
                           {"session_id": started["session_id"], "payment_method": "pm_card_visa"})
    assert completed.status_code == 200 and completed.json()["status"] == "ACTIVE", completed.text
    # The first invoice bills the first month and the one-off workshop, is paid off-session and pays the order.
    assert psql(stack, f"SELECT gross_cents || ':' || status FROM invoices WHERE order_id = {quoted(order['id'])}::uuid"
                       f" AND subscription_id = {quoted(started['subscription_id'])}::uuid") == \
        f"{order['gross_cents']}:PAID"
    assert client.api("GET", f"/api/v1/orders/{order['id']}").json()["status"] == "PAID"
    subscription = client.api("GET", f"/api/v1/subscriptions/{started['subscription_id']}").json()
    assert subscription["plan_id"] == "assistant_starter"
    assert [addon["id"] for addon in subscription["addons"]] == ["extra_users"]
    assert_problem(client.api("POST", f"/api/v1/orders/{order['id']}/checkout", {}), 409)
    # Monthly add-ons need a monthly package: refused, nothing written.
    before = psql(stack, "SELECT count(*) FROM orders")
    refused = client.api("POST", "/api/v1/orders", {"package": "ai_assessment",
                                                    "addons": [{"id": "priority_support", "quantity": 1}]})
    assert_problem(refused, 422)
    assert refused.json()["errors"][0]["field"] == "addons"
    assert psql(stack, "SELECT count(*) FROM orders") == before


def test_paying_an_order_again_supersedes_the_older_checkout(stack):
    client = company(stack)
    order = client.api("POST", "/api/v1/orders", {"package": "ai_assessment", "addons": []}).json()
    first = client.api("POST", f"/api/v1/orders/{order['id']}/checkout", {}).json()
    second = client.api("POST", f"/api/v1/orders/{order['id']}/checkout", {}).json()
    assert second["session_id"] != first["session_id"]
    assert purchase_row(stack, first["purchase_id"])[0] == "FAILED"
    assert purchase_row(stack, second["purchase_id"])[0] == "PENDING"
    assert psql(stack, f"SELECT count(*) FROM purchases WHERE order_id = {quoted(order['id'])}::uuid AND "
                       "status = 'PENDING'") == "1"


def test_an_austrian_order_is_reverse_charged_like_its_quote(stack):
    client = company(stack, "AT", AT_VAT_ID)
    configuration = {"package": "ai_assessment", "addons": []}
    quote = client.api("POST", "/api/v1/pricing/quote", dict(configuration, country="AT", vat_id=AT_VAT_ID)).json()
    placed = client.api("POST", "/api/v1/orders", configuration).json()
    assert (placed["net_cents"], placed["vat_cents"], placed["gross_cents"]) == (
        quote["net_cents"], quote["vat_cents"], quote["gross_cents"])
    assert placed["vat_cents"] == 0 and placed["reverse_charge"] is True and placed["legal_note"]["de"]


def test_the_portal_buys_credits_shows_the_state_lists_purchases_and_leads_to_their_invoices(stack):
    for country, vat_id in (("DE", None), ("AT", AT_VAT_ID)):
        client = company(stack, country, vat_id)
        page = client.get(client.url("/de/konto/credits"))
        assert page.status_code == 200 and "credits_5" in page.text
        bought = client.post(client.url("/de/konto/credits"), allow_redirects=False,
                             data={"csrf_token": form_token(page.text), "product_id": "credits_5"})
        assert bought.status_code == 303, bought.text[:500]
        location = bought.headers["Location"]
        assert location.startswith(f"{stack.env['CODEZERO_PUBLIC_URL']}/de/checkout/success?session_id=")
        session_id = location.split("session_id=", 1)[1]
        success = client.get(client.url(location.split(stack.env["CODEZERO_PUBLIC_URL"], 1)[1]))
        assert success.status_code == 200
        pending_text = success.text
        completed = client.api("POST", "/api/v1/billing/checkout/complete", {"session_id": session_id})
        assert completed.status_code == 200
        purchase = completed.json()
        paid = client.get(client.url(f"/de/checkout/success?session_id={session_id}"))
        assert paid.status_code == 200 and paid.text != pending_text

        listed = client.get(client.url("/de/konto/kaeufe"))
        assert listed.status_code == 200 and purchase["id"] in listed.text
        assert "Beleg" not in listed.text, "no receipt is promised beside the invoice"
        # The invoice is the receipt: the purchase's address (the old receipt's) leads to its invoice's row, which
        # carries the invoice's number (the gapless CZ series, not one made from the purchase id) and its documents.
        invoice = next(entry for entry in client.api("GET", "/api/v1/invoices").json()["invoices"]
                       if entry.get("purchase_id") == purchase["id"])
        anchor = f"invoice-{invoice['number']}"
        for language, path in (("de", "/de/konto/kaeufe/"), ("en", "/en/account/purchases/")):
            opened = client.get(client.url(path + purchase["id"]), allow_redirects=False)
            target = "/de/portal/rechnungen" if language == "de" else "/en/portal/invoices"
            assert opened.status_code == 303 and opened.headers["Location"].endswith(f"{target}#{anchor}"), (
                opened.status_code, opened.headers.get("Location"))
        xml_path = f"/api/v1/invoices/{invoice['id']}/xml"
        xml = wait_for(lambda: (lambda r: r.text if r.status_code == 200 else None)(
            client.get(client.url(xml_path))), timeout=120, message="the invoice's XML")
        followed = client.get(client.url(f"/de/konto/kaeufe/{purchase['id']}"))
        assert followed.status_code == 200 and followed.url.split("#")[0].endswith("/de/portal/rechnungen")
        row = re.search(rf'<tr id="{re.escape(anchor)}">(.*?)</tr>', followed.text, re.S)
        assert row, followed.text[:2000]
        text = row.group(1).replace("\u00a0", " ")
        cents = purchase["amount_cents"]
        assert invoice["number"] in text and f"{cents // 100},{cents % 100:02d}" in text, text
        assert f'href="/api/v1/invoices/{invoice["id"]}/pdf"' in text and f'href="{xml_path}"' in text
        assert f"CZ-2026-{purchase['id'][:8].upper()}" not in followed.text
        # The document itself: net, VAT and gross of the purchase, the VAT treatment and the buyer's VAT ID.
        for amount in (purchase["net_cents"], purchase["vat_cents"], purchase["amount_cents"]):
            assert f">{amount // 100}.{amount % 100:02d}<" in xml, amount
        assert invoice["number"] in xml
        if vat_id:
            assert vat_id in xml and "<ram:CategoryCode>AE</ram:CategoryCode>" in xml
        else:
            assert "<ram:CategoryCode>S</ram:CategoryCode>" in xml and purchase["legal_note"] is None
    # A pending purchase leads to the purchases page, which shows it as open; an unknown one is 404.
    pending = start_credits(client)
    opened = client.get(client.url(f"/de/konto/kaeufe/{pending['purchase_id']}"), allow_redirects=False)
    assert opened.status_code == 303 and opened.headers["Location"].endswith("/de/konto/kaeufe"), opened.headers
    listed = client.get(client.url("/de/konto/kaeufe")).text
    assert listed.count("<td>offen</td>") == 1 and listed.count("<td>bezahlt</td>") == 1, listed[:3000]
    assert client.get(client.url("/de/konto/kaeufe/00000000-0000-0000-0000-000000000000")).status_code == 404


def test_every_invoice_link_of_the_purchases_page_opens_the_invoice(stack):
    client = company(stack)
    bought = start_credits(client)
    assert client.api("POST", "/api/v1/billing/checkout/complete", {"session_id": bought["session_id"]}).ok
    order = client.api("POST", "/api/v1/orders", {"package": "ai_assessment", "addons": []}).json()
    checkout = client.api("POST", f"/api/v1/orders/{order['id']}/checkout", {}).json()
    assert client.api("POST", "/api/v1/billing/checkout/complete", {"session_id": checkout["session_id"]}).ok
    listed = client.get(client.url("/de/konto/kaeufe"))
    links = re.findall(r'href="(/de/konto/kaeufe/[^"]+)"', listed.text)
    assert f"/de/konto/kaeufe/{bought['purchase_id']}" in links, links
    numbers = {entry["purchase_id"]: entry["number"] for entry in client.api("GET", "/api/v1/invoices").json()[
        "invoices"] if entry.get("purchase_id")}
    for link in links:
        opened = client.get(client.url(link))
        assert opened.status_code == 200 and opened.url.split("#")[0].endswith("/de/portal/rechnungen"), link
        assert f'<tr id="invoice-{numbers[link.rsplit("/", 1)[1]]}">' in opened.text, link


# --- the jobs process killed in the middle of a handler ------------------------------------------------


@pytest.fixture(scope="module")
def lease_stack():
    """A mock-mode stack without its own jobs process and a 3 s job lease: the test runs `codezero jobs`."""
    var = make_var("cz-e2e-lease-")
    instance = ConfiguredStack(var=var, extra_env={"CODEZERO_JOBS": "0", "CODEZERO_JOB_LEASE": "3"})
    try:
        instance.start()
        yield instance
        instance.stop()
    finally:
        instance.stop(check=False)
        import shutil
        shutil.rmtree(var, ignore_errors=True)
        for log in var.parent.glob(f"{var.name}-stack-*.log"):
            log.unlink(missing_ok=True)


def start_jobs(stack, log_name: str) -> subprocess.Popen:
    env = dict(stack.env, STRIPE_WEBHOOK_SECRET=(stack.var / "stripe-webhook-secret").read_text().strip())
    output = open(stack.var / log_name, "wb")
    return subprocess.Popen([codezero_binary(), "jobs"], cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=output,
                            stderr=subprocess.STDOUT)


def test_a_jobs_process_killed_mid_handler_is_recovered_and_grants_once(lease_stack):
    stack = lease_stack
    client = company(stack)
    started = start_credits(client)
    first = start_jobs(stack, "jobs-1.log")
    second = None
    locker = PsqlSession(stack)
    try:
        # Hold the purchase row: the handler blocks in FulfilPurchase's SELECT … FOR UPDATE.
        locker.run(f"BEGIN; SELECT id FROM purchases WHERE id = {quoted(started['purchase_id'])}::uuid FOR UPDATE")
        body = event("checkout.session.completed", started["session_id"], started["purchase_id"], 832)
        event_id = json.loads(body)["id"]
        assert deliver(stack, body).status_code == 200
        wait_for(lambda: psql(stack, "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND "
                                     "application_name = 'codezero-jobs'") == "1", timeout=15,
                 message="the handler waiting for the purchase row")
        job = psql(stack, f"SELECT state || ':' || attempts FROM jobs WHERE dedupe_key = {quoted('stripe:' + event_id)}")
        assert job == "running:1", job

        os.kill(first.pid, signal.SIGKILL)
        assert first.wait(timeout=10) == -signal.SIGKILL
        locker.run("ROLLBACK")
        # The dead process's transaction never commits: nothing granted yet.
        time.sleep(1)
        assert purchase_row(stack, started["purchase_id"]) == ("PENDING", 0)

        second = start_jobs(stack, "jobs-2.log")
        wait_for(lambda: purchase_row(stack, started["purchase_id"]) == ("PAID", 5), timeout=30,
                 message="the new jobs process fulfilling after the lease expired")
        final = psql(stack, f"SELECT state || ':' || attempts FROM jobs WHERE dedupe_key = {quoted('stripe:' + event_id)}")
        assert final == "done:2", final
        assert grants(stack, started["purchase_id"]) == 1
        assert client.api("GET", "/api/v1/billing/balance").json()["credits"] == 5
    finally:
        locker.close()
        for process in (first, second):
            if process is not None and process.poll() is None:
                process.send_signal(signal.SIGTERM)
                process.wait(timeout=30)
    assert second.returncode == 0


def test_a_webhook_while_the_database_is_down_is_503_and_stripe_can_redeliver(lease_stack):
    stack = lease_stack
    client = company(stack)
    started = start_credits(client)
    body = event("checkout.session.completed", started["session_id"], started["purchase_id"], 832)
    stopped = stack.codezero("db", "stop")
    assert stopped.returncode == 0, stopped.stderr
    try:
        response = deliver(stack, body)
        assert response.status_code >= 500, response.text
        assert_problem(response, response.status_code)
    finally:
        assert stack.codezero("db", "start").returncode == 0
        stack.remember_processes()
    wait_for(lambda: stack.codezero("db", "status").returncode == 0, timeout=30, message="the cluster back")
    assert psql(stack, f"SELECT count(*) FROM stripe_events WHERE id = {quoted(json.loads(body)['id'])}") == "0"
    # Stripe's retry, once the database is back (the worker reconnects).
    redelivered = wait_for(lambda: [r] if (r := deliver(stack, body)).status_code == 200 else None, timeout=30,
                           message="the webhook accepted again")[0]
    assert redelivered.json()["duplicate"] is False
    assert psql(stack, f"SELECT count(*) FROM stripe_events WHERE id = {quoted(json.loads(body)['id'])}") == "1"


def test_no_password_or_session_value_of_these_tests_is_logged(stack, lease_stack):
    for instance in (stack, lease_stack):
        # At least this client's values, even when the test runs alone.
        client = company(instance)
        token = client.api("POST", "/api/v1/auth/tokens", {"name": "logs"})
        assert token.status_code == 201
        client.bearer = token.json()["token"]
        assert client.api("GET", "/api/v1/me").status_code == 200
        values = [value for value in client_secrets(instance) if len(value) >= 16]
        assert len(values) >= 4, values
        assert secret_leaks(logs_of(instance), values) == []
