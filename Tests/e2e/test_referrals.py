"""Referrals through nginx (issue #15): a company's code and links, attribution at registration (API and form),
rewards exactly once when the referred company's first invoice of ≥ 100 € net is paid (mock Checkout), duplicate
and concurrent completions, unknown and self-referring codes, and isolation between companies."""

from __future__ import annotations

import re
import subprocess
from concurrent.futures import ThreadPoolExecutor

from helpers import enrol_second_factor, wait_for
from money_support import PASSWORD, Client, company, deliver, event, psql, unique_email, verify_email
from stack import ROOT, codezero_binary


def referrals(client) -> dict:
    response = client.api("GET", "/api/v1/referrals")
    assert response.status_code == 200, response.text
    assert "private" in response.headers.get("Cache-Control", "")
    return response.json()


def balance(client) -> int:
    response = client.api("GET", "/api/v1/billing/balance")
    assert response.status_code == 200, response.text
    return response.json()["credits"]


def registered_with(stack, code: str, vat_id: str | None = None) -> tuple[Client, dict]:
    client = Client(stack)
    client.email = None
    body_extra = {"referral_code": code}
    original = client.api

    def api(method, path, body=None, **kwargs):
        if path == "/api/v1/auth/register" and isinstance(body, dict):
            body = dict(body, **body_extra)
        return original(method, path, body, **kwargs)

    client.api = api
    response = client.register("DE", vat_id)
    assert response.status_code == 201, response.text
    client.api = original
    return client, response.json()


def pay_an_order(stack, client, package: str = "ai_assessment") -> str:
    order = client.api("POST", "/api/v1/orders", {"package": package, "addons": []})
    assert order.status_code == 201, order.text
    checkout = client.api("POST", f"/api/v1/orders/{order.json()['id']}/checkout", {})
    assert checkout.status_code in (200, 201), checkout.text
    return checkout.json()["session_id"]


def test_a_referred_company_that_pays_rewards_both_exactly_once(stack):
    referrer = company(stack, "DE")
    mine = referrers_view = referrals(referrer)
    code = mine["code"]
    assert re.fullmatch(r"[2-9A-HJKMNP-TV-Z]{8}", code), code
    assert mine["links"]["de"].endswith(f"/de/registrieren?ref={code}")
    assert mine["links"]["en"].endswith(f"/en/register?ref={code}")
    assert mine["reward"] == {"referrer_credits": 10, "referred_credits": 5, "minimum_net_cents": 10000,
                              "reversal_days": 14}
    assert referrers_view["referred"] == [] and referrers_view["credits_earned"] == 0

    # The code as a person types it from the other language's page: lower case with a dash.
    typed = code[:4].lower() + "-" + code[4:].lower()
    referred, body = registered_with(stack, typed)
    assert body["referral"] == {"code": typed, "applied": True}
    verify_email(stack, referred)
    listed = referrals(referrer)["referred"]
    assert len(listed) == 1 and listed[0]["status"] == "registered" and listed[0]["company_name"] is None

    session = pay_an_order(stack, referred)
    # The same completion twice at once and once more afterwards: one invoice, one reward each.
    with ThreadPoolExecutor(4) as pool:
        statuses = list(pool.map(lambda _: referred.api("POST", "/api/v1/billing/checkout/complete",
                                                        {"session_id": session}).status_code, range(4)))
    assert all(status in (200, 409) for status in statuses), statuses
    again = referred.api("POST", "/api/v1/billing/checkout/complete", {"session_id": session})
    assert again.status_code in (200, 409), again.text
    assert balance(referrer) == 10 and balance(referred) == 5

    view = referrals(referrer)
    assert view["credits_earned"] == 10
    assert view["referred"][0]["status"] == "rewarded"
    assert view["referred"][0]["company_name"] == referred.company["name"]
    assert [entry["kind"] for entry in view["rewards"]] == ["referrer"]
    assert view["rewards"][0]["invoice_number"].startswith("CZ-")
    own = referrals(referred)
    assert own["code"] != code and own["referred"] == []
    assert [(entry["kind"], entry["credits"]) for entry in own["rewards"]] == [("referred", 5)]

    # A second paid order earns nothing more.
    second = pay_an_order(stack, referred)
    assert referred.api("POST", "/api/v1/billing/checkout/complete", {"session_id": second}).status_code == 200
    assert balance(referrer) == 10 and balance(referred) == 5


def test_unknown_and_malformed_codes_never_fail_a_registration(stack):
    for code in ("ZZZZ2222", "not a code!", "0OIL0OIL"):
        client, body = registered_with(stack, code)
        assert body["referral"] == {"code": code, "applied": False}
        assert referrals(client)["referred"] == []


def test_no_reward_between_companies_with_the_same_vat_id(stack):
    referrer = company(stack, "DE", vat_id="DE136695976")
    code = referrals(referrer)["code"]
    client, body = registered_with(stack, code, vat_id="DE136695976")
    assert body["referral"]["applied"] is False
    assert referrals(referrer)["referred"] == []


def test_the_registration_form_carries_the_code_from_the_link(stack):
    referrer = company(stack, "DE")
    code = referrals(referrer)["code"]
    for path in ("/de/registrieren", "/en/register"):
        visitor = Client(stack)
        page = visitor.request("GET", visitor.url(f"{path}?ref={code.lower()}"))
        assert page.status_code == 200, page.text
        assert re.search(rf'name="referral_code"[^>]*value="{code}"', page.text), page.text
        assert "no-store" in page.headers.get("Cache-Control", "") or "private" in page.headers.get(
            "Cache-Control", "")
    # A malformed ?ref= is not put into the form.
    visitor = Client(stack)
    page = visitor.request("GET", visitor.url('/de/registrieren?ref="><script>'))
    assert page.status_code == 200 and "<script>" not in page.text


def test_the_portal_page_shows_code_links_and_rewards_in_both_languages(stack):
    referrer = company(stack, "DE")
    code = referrals(referrer)["code"]
    german = referrer.request("GET", referrer.url("/de/konto/empfehlungen"))
    assert german.status_code == 200, german.text
    assert code in german.text and f"/de/registrieren?ref={code}" in german.text and "Empfehlungen" in german.text
    english = referrer.request("GET", referrer.url("/en/account/referrals"))
    assert english.status_code == 200 and "Referral" in english.text and f"/en/register?ref={code}" in english.text
    # Without a session: to the sign-in page.
    visitor = Client(stack)
    anonymous = visitor.request("GET", visitor.url("/en/account/referrals"), allow_redirects=False)
    assert anonymous.status_code in (302, 303)


def test_referrals_are_isolated_between_companies(stack):
    a = company(stack, "DE")
    b = company(stack, "DE")
    code_a = referrals(a)["code"]
    registered_with(stack, code_a)
    assert len(referrals(a)["referred"]) == 1
    assert referrals(b)["referred"] == [] and referrals(b)["code"] != code_a
    assert Client(stack).api("GET", "/api/v1/referrals").status_code == 401


def test_a_refund_of_the_rewarded_invoice_within_14_days_takes_the_rewards_back(stack):
    referrer = company(stack, "DE")
    referred, _ = registered_with(stack, referrals(referrer)["code"])
    verify_email(stack, referred)
    session = pay_an_order(stack, referred)
    assert referred.api("POST", "/api/v1/billing/checkout/complete", {"session_id": session}).status_code == 200
    assert balance(referrer) == 10 and balance(referred) == 5
    invoice = referrals(referrer)["rewards"][0]["invoice_number"]
    invoice_id = next(entry["id"] for entry in referred.api("GET", "/api/v1/invoices").json()["invoices"]
                      if entry["number"] == invoice)

    # Finance refunds it in full (mock mode simulates Stripe's refund); the correction takes both rewards back.
    email = unique_email("finance")
    created = subprocess.run([codezero_binary(), "user", "create", "--role", "finance", "--email", email],
                             cwd=ROOT, env=dict(stack.env, CODEZERO_USER_PASSWORD=PASSWORD), capture_output=True,
                             text=True, timeout=60, check=False)
    assert created.returncode == 0, created.stderr
    finance = Client(stack)
    assert finance.login(email, PASSWORD).status_code == 200
    enrol_second_factor(finance)
    refunded = finance.api("POST", f"/api/v1/finance/invoices/{invoice_id}/refund", {"reason": "Storniert"})
    assert refunded.status_code in (200, 201, 202), refunded.text
    wait_for(lambda: balance(referrer) == 0 and balance(referred) == 0, timeout=60, message="rewards reversed")
    view = referrals(referrer)
    assert view["referred"][0]["status"] == "reversed"
    assert [(entry["kind"], entry["credits"]) for entry in view["rewards"]] == [("referrer", 10), ("reversal", -10)]
    # Refunding again changes nothing more.
    again = finance.api("POST", f"/api/v1/finance/invoices/{invoice_id}/refund", {"reason": "nochmal"})
    assert again.status_code >= 400
    assert balance(referrer) == 0 and balance(referred) == 0


def test_signed_payment_events_twice_and_out_of_order_reward_once(stack):
    referrer = company(stack, "DE")
    referred, _ = registered_with(stack, referrals(referrer)["code"])
    verify_email(stack, referred)
    order = referred.api("POST", "/api/v1/orders", {"package": "ai_assessment", "addons": []})
    assert order.status_code == 201, order.text
    gross = order.json()["gross_cents"]
    checkout = referred.api("POST", f"/api/v1/orders/{order.json()['id']}/checkout", {}).json()
    session, purchase = checkout["session_id"], checkout["purchase_id"]
    # The later event first, then the completion; each delivered twice (Stripe retries), with one more copy.
    succeeded = event("checkout.session.async_payment_succeeded", session, purchase, gross)
    completed = event("checkout.session.completed", session, purchase, gross)
    for body in (succeeded, completed, succeeded, completed):
        assert deliver(stack, body).status_code == 200
    assert deliver(stack, event("checkout.session.completed", session, purchase, gross)).status_code == 200
    wait_for(lambda: balance(referrer) == 10, timeout=60, message="referral reward")
    # Every event processed: still exactly one reward each.
    wait_for(lambda: psql(stack, "SELECT count(*) FROM jobs WHERE kind = 'stripe.event' "
                                 "AND state IN ('queued', 'running')") == "0", timeout=60, message="events done")
    assert balance(referrer) == 10 and balance(referred) == 5
    assert len(referred.api("GET", "/api/v1/invoices").json()["invoices"]) == 1


def test_admins_change_future_rewards_and_bad_input_writes_nothing(stack):
    email = unique_email("admin")
    created = subprocess.run([codezero_binary(), "user", "create", "--role", "admin", "--email", email],
                             cwd=ROOT, env=dict(stack.env, CODEZERO_USER_PASSWORD=PASSWORD), capture_output=True,
                             text=True, timeout=60, check=False)
    assert created.returncode == 0, created.stderr
    admin = Client(stack)
    assert admin.login(email, PASSWORD).status_code == 200
    enrol_second_factor(admin)
    before = admin.api("GET", "/api/v1/admin/referrals/settings")
    assert before.status_code == 200, before.text
    for body in ({"referrer_credits": -1, "referred_credits": 5}, {"referrer_credits": "10", "referred_credits": 5},
                 {"referrer_credits": 10}, {"referrer_credits": 1001, "referred_credits": 5.5}):
        refused = admin.api("PUT", "/api/v1/admin/referrals/settings", body)
        assert refused.status_code == 422, refused.text
        assert refused.headers["Content-Type"].startswith("application/problem+json")
        assert refused.json()["errors"], refused.text
    assert admin.api("GET", "/api/v1/admin/referrals/settings").json() == before.json()
    # A client may neither read nor change them.
    client = company(stack, "DE")
    assert client.api("PUT", "/api/v1/admin/referrals/settings",
                      {"referrer_credits": 99, "referred_credits": 99}).status_code == 403
    assert admin.api("GET", "/api/v1/admin/referrals/settings").json() == before.json()
    changed = admin.api("PUT", "/api/v1/admin/referrals/settings", {"referrer_credits": 12, "referred_credits": 6})
    assert changed.status_code == 200 and changed.json() == {"referrer_credits": 12, "referred_credits": 6}
    assert referrals(client)["reward"]["referrer_credits"] == 12
    listed = admin.api("GET", "/api/v1/admin/referrals")
    assert listed.status_code == 200 and isinstance(listed.json()["referrals"], list)
    # Back to the defaults for the other tests of this stack.
    restored = admin.api("PUT", "/api/v1/admin/referrals/settings", before.json())
    assert restored.status_code == 200
