"""Catalog creation through nginx, the real pool and the jobs process (issue 13 item 6): an admin (with a second
factor) creates a credit pack on the back office's catalog page — bad input first: German field errors, nothing
written — and a client sees it at once in the API and on the portal's credits page (the workers' catalog reloads on
the catalog's NOTIFY); unticking "bestellbar" deactivates it and it is gone from both. A monthly package created
through the admin API is a plan; a price version added on the plans page for a later date is scheduled while the
running price stays in force (it applies from the next period). Anonymous and client callers are refused."""

from __future__ import annotations

import uuid

from helpers import assert_problem, enrol_second_factor, wait_for
from money_support import Client, form_token, psql
from test_incidents import staff


def test_staff_create_and_deactivate_a_credit_pack_and_schedule_a_plan_price(make_stack):
    # A stack of its own: the package created here stays in the catalog, and the shared stack's pages and JSON-LD
    # are compared with the catalog by other modules (test_site_pages), racing the page cache's purge.
    stack = make_stack()
    stack.start()
    admin = staff(stack, "admin")
    enrol_second_factor(admin)
    pack = f"credits_e2e_{uuid.uuid4().hex[:8]}"
    page = admin.get(admin.url("/admin/de/catalog"))
    assert page.status_code == 200 and 'id="new-credit_pack"' in page.text
    token = form_token(page.text)

    bad = admin.post(admin.url("/admin/de/catalog/credit_pack"), allow_redirects=False,
                     data={"csrf_token": token, "id": "Neues Paket", "name_de": "", "name_en": "x", "price": "-3",
                           "credits": "null"})
    assert bad.status_code == 422, bad.text[:500]
    assert "Bitte ausfüllen." in bad.text and "Ein Betrag in Euro" in bad.text
    assert "Eine ganze Zahl von 1 bis 1000000." in bad.text
    assert psql(stack, "SELECT count(*) FROM billing_products WHERE id LIKE 'credits_e2e_%' AND active") == "0"

    fields = {"csrf_token": token, "name_de": "25 Credits E2E", "name_en": "25 credits e2e", "credits": "25",
              "price": "29,99"}
    created = admin.post(admin.url("/admin/de/catalog/credit_pack"), data=dict(fields, id=pack),
                         allow_redirects=False)
    assert created.status_code == 303, created.text[:500]
    assert "done=catalog_created" in created.headers["Location"]

    client = Client(stack)
    assert client.register().status_code == 201

    def offered() -> tuple[bool, bool]:
        products = client.api("GET", "/api/v1/billing/products").json()["products"]
        in_api = any(p["id"] == pack and p["net_cents"] == 2999 and p["credits"] == 25 for p in products)
        return in_api, pack in client.get(client.url("/de/konto/credits")).text

    wait_for(lambda: offered() == (True, True), timeout=30, message="the new pack is sold")

    # Deactivate: the edit form without "active".
    deactivated = admin.post(admin.url(f"/admin/de/catalog/credit_pack/{pack}"), data=fields, allow_redirects=False)
    assert deactivated.status_code == 303, deactivated.text[:500]
    wait_for(lambda: offered() == (False, False), timeout=30, message="the deactivated pack is gone")
    versions = psql(stack, f"SELECT string_agg(coalesce(before->>'active', 'new'), ',' ORDER BY id) "
                           f"FROM catalog_changes WHERE item_kind = 'credit_pack' AND item_id = '{pack}'")
    assert versions == "new,true", versions

    # A monthly package through the admin API is a plan; a price version for a later date is scheduled.
    plan = f"assistant_e2e_{uuid.uuid4().hex[:8]}"
    body = {"id": plan, "name_de": "KI-Assistent E2E", "name_en": "AI assistant E2E", "description_de": "Test.",
            "description_en": "Test.", "net_cents": 120000, "interval": "monthly",
            "metrics": [{"metric": "assistant_minutes", "included": "2000", "overage_unit_price": "0.0450"}]}
    refused = assert_problem(admin.api("POST", "/api/v1/admin/catalog/packages", dict(body, net_cents=-1)), 422)
    assert [error["field"] for error in refused["errors"]] == ["net_cents"], refused
    assert admin.api("POST", "/api/v1/admin/catalog/packages", body).status_code == 201
    assert_problem(client.api("POST", "/api/v1/admin/catalog/packages", body), 403)
    assert_problem(Client(stack).api("POST", "/api/v1/admin/catalog/packages", body), 401)
    plans = admin.get(admin.url("/admin/en/plans"))
    added = admin.post(admin.url(f"/admin/en/plans/{plan}/prices"), allow_redirects=False,
                       data={"csrf_token": form_token(plans.text), "base_fee": "1350", "effective_from": "2099-01-01",
                             "included_assistant_minutes": "2500", "overage_assistant_minutes": "0.04"})
    assert added.status_code == 303, added.text[:500]
    shown = client.api("GET", f"/api/v1/plans/{plan}").json()
    assert shown["current_price"]["base_fee_cents"] == 120000, "the running price stays in force"
    assert [(p["effective_from"][:10], p["base_fee_cents"]) for p in shown["scheduled_prices"]] == [
        ("2099-01-01", 135000)]
    assert plan in admin.get(admin.url("/admin/en/plans")).text
