"""Accounts through nginx: registration, sessions with CSRF, bearer tokens, throttling, staff, company
isolation on every company-scoped route with an id, the audit log, the portal's forms, and logs free of
secrets."""

from __future__ import annotations

import json
import re
import subprocess
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest

from helpers import assert_problem, enrol_second_factor
from stack import ROOT, codezero_binary
from money_support import (
    FORM_COOKIE, PASSWORD, SESSION_COOKIE, Client, company, form_token, login_form, logs_of, psql, quoted, secret_leaks,
    unique_email,
)

# Passwords, session cookies and API tokens used in this file; the last test proves none is logged.
SEEN_SECRETS: list[str] = [PASSWORD]


def remember(client: Client) -> None:
    for value in (client.session_cookie(), client.csrf, client.bearer, client.password):
        if value and value not in SEEN_SECRETS:
            SEEN_SECRETS.append(value)


def set_cookie_attributes(response, name: str) -> dict[str, str]:
    for header in response.raw.headers.getlist("Set-Cookie"):
        if header.startswith(name + "="):
            parts = [part.strip() for part in header.split(";")]
            attributes = {"value": parts[0].split("=", 1)[1]}
            for part in parts[1:]:
                key, _, value = part.partition("=")
                attributes[key.lower()] = value
            return attributes
    raise AssertionError(f"no Set-Cookie {name}: {response.headers}")


def test_registration_signs_in_with_a_host_cookie_and_login_returns_the_csrf_token(stack):
    client = Client(stack)
    response = client.register("DE")
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["user"]["email"] == client.email and body["role"] == "client"
    assert body["company"]["country"] == "DE" and body["company"]["name"].startswith("Firma ")
    cookie = set_cookie_attributes(response, SESSION_COOKIE)
    assert cookie["value"] and "secure" in cookie and "httponly" in cookie
    assert cookie["samesite"].lower() == "lax" and cookie["path"] == "/" and "domain" not in cookie
    assert "no-store" in response.headers["Cache-Control"]
    remember(client)

    me = client.api("GET", "/api/v1/me")
    assert me.status_code == 200 and me.json()["auth"] == "session" and me.json()["credits"] == 0

    fresh = Client(stack)
    login = fresh.login(client.email, PASSWORD)
    assert login.status_code == 200, login.text
    assert isinstance(login.json()["csrf_token"], str) and len(login.json()["csrf_token"]) >= 16
    assert login.json()["company"]["id"] == client.company["id"]
    assert set_cookie_attributes(login, SESSION_COOKIE)["value"] != cookie["value"]
    remember(fresh)


def test_cookie_writes_need_the_csrf_token(stack):
    client = company(stack)
    remember(client)
    refused = client.api("POST", "/api/v1/auth/tokens", {"name": "ci"}, csrf=False)
    assert_problem(refused, 403)
    wrong = client.api("POST", "/api/v1/auth/tokens", {"name": "ci"}, headers={"X-CSRF-Token": "x" * 43})
    assert_problem(wrong, 403)
    assert client.api("GET", "/api/v1/auth/tokens").json()["tokens"] == []
    assert_problem(client.api("POST", "/api/v1/billing/checkout/session", {"product_id": "credits_5"}, csrf=False),
                   403)
    assert client.api("GET", "/api/v1/billing/purchases").json()["purchases"] == []

    created = client.api("POST", "/api/v1/auth/tokens", {"name": "ci"})
    assert created.status_code == 201, created.text
    assert [token["name"] for token in client.api("GET", "/api/v1/auth/tokens").json()["tokens"]] == ["ci"]
    remember_token(created.json()["token"])
    # Revoking and signing out are writes too.
    token_id = created.json()["id"]
    assert_problem(client.api("DELETE", f"/api/v1/auth/tokens/{token_id}", csrf=False), 403)
    assert client.api("GET", "/api/v1/auth/tokens").json()["tokens"][0]["revoked_at"] is None
    assert_problem(client.api("POST", "/api/v1/auth/logout", csrf=False), 403)
    assert client.api("GET", "/api/v1/me").status_code == 200
    # A portal form post with the session but without its token changes nothing either.
    forged = client.post(client.url("/de/konto/credits"), data={"product_id": "credits_5"}, allow_redirects=False)
    assert forged.status_code == 403
    assert client.api("GET", "/api/v1/billing/purchases").json()["purchases"] == []
    assert client.api("POST", "/api/v1/auth/logout").status_code == 204
    assert_problem(client.api("GET", "/api/v1/me"), 401)


def test_signing_out_everywhere_ends_every_session_of_the_user(stack):
    first = company(stack)
    second = Client(stack)
    assert second.login(first.email, PASSWORD).status_code == 200
    remember(first)
    remember(second)
    assert second.api("GET", "/api/v1/me").status_code == 200
    ended = first.api("POST", "/api/v1/auth/logout-everywhere")
    assert ended.status_code == 200 and ended.json()["sessions_revoked"] >= 2
    for client in (first, second):
        assert_problem(client.api("GET", "/api/v1/me"), 401)


def remember_token(token: str) -> None:
    SEEN_SECRETS.append(token)


def test_bearer_tokens_are_shown_once_work_without_csrf_and_revoke(stack):
    owner = company(stack)
    remember(owner)
    created = owner.api("POST", "/api/v1/auth/tokens", {"name": "deploy"})
    assert created.status_code == 201, created.text
    token, token_id = created.json()["token"], created.json()["id"]
    remember_token(token)
    listed = owner.api("GET", "/api/v1/auth/tokens").json()["tokens"]
    assert [entry["id"] for entry in listed] == [token_id]
    assert token not in json.dumps(listed)

    robot = Client(stack)
    robot.bearer = token
    me = robot.api("GET", "/api/v1/me")
    assert me.status_code == 200, me.text
    assert me.json()["auth"] == "token" and me.json()["company"]["id"] == owner.company["id"]
    assert not robot.cookies
    # A write with the token needs no CSRF token…
    started = robot.api("POST", "/api/v1/billing/checkout/session", {"product_id": "credits_1"})
    assert started.status_code == 201, started.text
    # …but tokens cannot mint tokens.
    assert_problem(robot.api("POST", "/api/v1/auth/tokens", {"name": "more"}), 403)

    assert robot.api("DELETE", f"/api/v1/auth/tokens/{token_id}").status_code == 204
    assert_problem(robot.api("GET", "/api/v1/me"), 401)
    assert [entry["revoked_at"] is not None for entry in owner.api("GET", "/api/v1/auth/tokens").json()["tokens"]] \
        == [True]


def test_registration_validation_is_422_with_field_errors_and_duplicates_answer_like_fresh_ones(stack):
    client = Client(stack)
    invalid = client.api("POST", "/api/v1/auth/register",
                         {"email": "not-an-address", "password": "short", "company_name": "X GmbH",
                          "country": "XX"})
    body = assert_problem(invalid, 422)
    # Every field problem at once, each named.
    fields = {error["field"] for error in body["errors"]}
    assert {"email", "password", "country"} <= fields, body
    assert all(error["detail"] and error["code"] for error in body["errors"]), body
    empty = assert_problem(client.api("POST", "/api/v1/auth/register", {"email": unique_email(), "password": PASSWORD,
                                                                        "company_name": "", "country": "DE"}), 422)
    assert [error["field"] for error in empty["errors"]] == ["company_name"], empty
    assert not client.cookies.get(SESSION_COOKIE)

    first = Client(stack)
    created = first.register("DE")
    assert created.status_code == 201
    remember(first)
    # A taken address answers like a fresh one (issue #17 item 6: no enumeration); the owner is mailed instead.
    again = Client(stack)
    duplicate = again.register("DE", email=first.email.upper())
    assert duplicate.status_code == 201
    assert set(duplicate.json()) == set(created.json())
    assert set(duplicate.json()["company"]) == set(created.json()["company"])
    assert duplicate.headers["Set-Cookie"].split("=", 1)[0] == created.headers["Set-Cookie"].split("=", 1)[0]
    assert again.api("GET", "/api/v1/me").status_code == 401
    assert int(psql(stack, f"SELECT count(*) FROM users WHERE lower(email) = lower({quoted(first.email)})")) == 1


def test_concurrent_registrations_of_one_address_make_one_account(stack):
    email = unique_email("race")
    with ThreadPoolExecutor(max_workers=10) as pool:
        statuses = sorted(pool.map(lambda _: Client(stack).register("DE", email=email).status_code, range(10)))
    assert statuses == [201] * 10, statuses
    assert psql(stack, f"SELECT count(*) FROM users WHERE lower(email) = lower({quoted(email)})") == "1"


def test_repeated_wrong_passwords_are_throttled_with_retry_after(stack):
    owner = company(stack)
    attacker = Client(stack)
    statuses = []
    for _ in range(8):
        response = attacker.login(owner.email, "Falsches-Passwort-123")
        statuses.append(response.status_code)
        if response.status_code == 429:
            break
    assert statuses[:5] == [401] * 5, statuses
    assert statuses[-1] == 429, statuses
    assert int(response.headers["Retry-After"]) >= 1
    assert_problem(response, 429)
    # Even the right password is refused while the pause lasts.
    assert attacker.login(owner.email, PASSWORD).status_code == 429


@pytest.fixture(scope="module")
def admin(stack):
    email = unique_email("admin")
    # The password on standard input, never on the command line.
    result = subprocess.run([codezero_binary(), "user", "create", "--role", "admin", "--email", email],
                            input=PASSWORD + "\n", cwd=ROOT, env=stack.env, capture_output=True, text=True,
                            timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert email in result.stdout and PASSWORD not in result.stdout
    client = Client(stack)
    assert client.login(email, PASSWORD).status_code == 200
    assert client.api("GET", "/api/v1/me").json()["role"] == "admin"
    # Staff routes need the second factor (issue 13): refused until the TOTP is enrolled and confirmed.
    refused = assert_problem(client.api("GET", "/api/v1/admin/companies"), 403)
    assert refused["code"] == "second_factor_required"
    SEEN_SECRETS.append(enrol_second_factor(client))
    remember(client)
    return client


def test_staff_admins_see_companies_and_audit_clients_do_not(stack, admin):
    customer = company(stack)
    remember(customer)
    listed = admin.api("GET", "/api/v1/admin/companies?limit=200")
    assert listed.status_code == 200, listed.text
    assert customer.company["id"] in {entry["id"] for entry in listed.json()["companies"]}
    audit = admin.api("GET", f"/api/v1/admin/audit?company_id={customer.company['id']}")
    assert audit.status_code == 200, audit.text
    assert "account.register" in {entry["action"] for entry in audit.json()["entries"]}
    finance_email = unique_email("finance")
    created = subprocess.run([codezero_binary(), "user", "create", "--role", "finance", "--email", finance_email],
                             cwd=ROOT, env=dict(stack.env, CODEZERO_USER_PASSWORD=PASSWORD), capture_output=True,
                             text=True, timeout=60, check=False)
    assert created.returncode == 0, created.stderr
    finance = Client(stack)
    assert finance.login(finance_email, PASSWORD).status_code == 200
    SEEN_SECRETS.append(enrol_second_factor(finance))
    remember(finance)
    for path in ("/api/v1/admin/companies", "/api/v1/admin/audit"):
        assert_problem(customer.api("GET", path), 403)
        assert_problem(finance.api("GET", path), 403)
        assert_problem(Client(stack).api("GET", path), 401)
    # Staff cannot be made through the public registration, and a taken address is refused.
    again = subprocess.run([codezero_binary(), "user", "create", "--role", "admin", "--email", customer.email],
                           cwd=ROOT, env=dict(stack.env, CODEZERO_USER_PASSWORD=PASSWORD), capture_output=True,
                           text=True, timeout=60, check=False)
    assert again.returncode == 65, again.stdout + again.stderr
    assert customer.api("GET", "/api/v1/me").json()["role"] == "client"


def company_scoped_paths_with_ids(stack) -> set[str]:
    document = Client(stack).get(f"{stack.https}/api/v1/openapi.json").json()
    found = set()
    for path, item in document["paths"].items():
        # Staff routes (admin, finance) answer clients 403 whatever the id: the access matrix covers them.
        if "{" not in path or path.startswith(("/api/v1/admin", "/api/v1/finance")):
            continue
        # Public reference data (a plan by id) is the same for everyone: not company-scoped.
        if all(operation.get("x-access") == "anyone" for operation in item.values()):
            continue
        found.add(path)
    return found


def test_company_b_never_sees_company_a(stack):
    a, b = company(stack), company(stack)
    remember(a)
    remember(b)
    order = a.api("POST", "/api/v1/orders", {"package": "ai_assessment", "addons": []})
    assert order.status_code == 201, order.text
    order_id = order.json()["id"]
    started = a.api("POST", "/api/v1/billing/checkout/session", {"product_id": "credits_5"})
    assert started.status_code == 201, started.text
    purchase_id = started.json()["purchase_id"]
    assert a.api("POST", "/api/v1/billing/checkout/complete",
                 {"session_id": started.json()["session_id"]}).json()["status"] == "PAID"
    token = a.api("POST", "/api/v1/auth/tokens", {"name": "a"})
    token_id = token.json()["id"]
    remember_token(token.json()["token"])

    subscription = a.api("POST", "/api/v1/subscriptions", {"plan_id": "assistant_starter"})
    assert subscription.status_code == 201, subscription.text
    subscription_id = subscription.json()["subscription_id"]

    invoices = a.api("GET", "/api/v1/invoices").json()["invoices"]
    invoice_id = next(entry["id"] for entry in invoices if entry.get("purchase_id") == purchase_id)
    support = a.api("POST", "/api/v1/support/requests",
                    {"subject": "Frage", "message": "Hallo", "invoice_id": invoice_id})
    assert support.status_code == 201, support.text
    support_id = support.json()["request"]["id"]

    invitation = a.api("POST", "/api/v1/company/invitations", {"email": f"colleague-{uuid.uuid4().hex[:8]}@example.com"})
    assert invitation.status_code == 201, invitation.text
    owner_id = a.api("GET", "/api/v1/company/members").json()["members"][0]["user_id"]

    ids = {"/api/v1/invoices/{id}": invoice_id, "/api/v1/invoices/{id}/pdf": invoice_id,
           "/api/v1/invoices/{id}/xml": invoice_id, "/api/v1/orders/{id}": order_id, "/api/v1/orders/{id}/checkout": order_id,
           "/api/v1/billing/purchases/{id}": purchase_id, "/api/v1/auth/tokens/{id}": token_id,
           "/api/v1/subscriptions/{id}": subscription_id, "/api/v1/subscriptions/{id}/cancel": subscription_id,
           "/api/v1/subscriptions/{id}/change": subscription_id,
           "/api/v1/subscriptions/{id}/payment-method": subscription_id,
           "/api/v1/support/requests/{id}": support_id, "/api/v1/support/requests/{id}/messages": support_id,
           "/api/v1/support/requests/{id}/close": support_id,
           "/api/v1/company/invitations/{id}": invitation.json()["id"], "/api/v1/company/members/{user_id}": owner_id}
    # Every company-scoped route with a path parameter is in the matrix (a new one must be added here).
    assert company_scoped_paths_with_ids(stack) == set(ids), company_scoped_paths_with_ids(stack)
    document = Client(stack).get(f"{stack.https}/api/v1/openapi.json").json()
    for template, object_id in ids.items():
        for method in document["paths"][template]:
            path = template.replace("{id}", object_id).replace("{user_id}", object_id)
            response = b.api(method.upper(), path, {} if method == "post" else None)
            assert_problem(response, 404)
            # The owner still reaches it (the 404 is about B, not a broken route).
            if method == "get":
                # A document not rendered yet answers 503 with Retry-After (never another company's bytes).
                expected = (200, 503) if path.endswith(("/pdf", "/xml")) else (200,)
                assert a.api("GET", path).status_code in expected, path
    assert b.api("GET", "/api/v1/orders").json()["orders"] == []
    assert b.api("GET", "/api/v1/billing/purchases").json()["purchases"] == []
    assert b.api("GET", "/api/v1/auth/tokens").json()["tokens"] == []
    assert b.api("GET", "/api/v1/billing/balance").json()["credits"] == 0
    assert b.api("GET", "/api/v1/subscriptions").json()["subscriptions"] == []
    assert b.api("GET", "/api/v1/invoices").json()["invoices"] == []
    assert b.api("GET", "/api/v1/support/requests").json()["requests"] == []
    assert b.api("GET", "/api/v1/company/invitations").json()["invitations"] == []
    assert [m["email"] for m in b.api("GET", "/api/v1/company/members").json()["members"]] == [b.email]
    assert a.api("GET", "/api/v1/company/invitations").json()["invitations"][0]["id"] == invitation.json()["id"]
    # A's token still works and its order was not paid by B.
    assert a.api("GET", f"/api/v1/orders/{order_id}").json()["status"] == "PENDING"
    assert a.api("GET", "/api/v1/auth/tokens").json()["tokens"][0]["revoked_at"] is None

    # The purchase's portal address (it leads A to the invoice), too.
    assert a.get(a.url(f"/de/konto/kaeufe/{purchase_id}"), allow_redirects=False).status_code == 303
    for path in (f"/de/konto/kaeufe/{purchase_id}", f"/en/account/purchases/{purchase_id}"):
        other = b.get(b.url(path))
        assert other.status_code == 404, path
        assert purchase_id not in other.text and a.company["name"] not in other.text
    assert purchase_id not in b.get(b.url("/de/konto/kaeufe")).text


def test_audit_rows_for_logins_tokens_and_admin_reads(stack, admin):
    client = company(stack)
    remember(client)
    assert Client(stack).login(client.email, "Falsches-Passwort-123").status_code == 401
    assert client.login().status_code == 200
    token = client.api("POST", "/api/v1/auth/tokens", {"name": "audit"}).json()
    remember_token(token["token"])
    assert client.api("DELETE", f"/api/v1/auth/tokens/{token['id']}").status_code == 204
    assert admin.api("GET", "/api/v1/admin/companies").status_code == 200

    rows = psql(stack, "SELECT action || ':' || outcome FROM audit_log WHERE company_id = "
                       f"{quoted(client.company['id'])}::uuid")
    actions = set(rows.splitlines())
    assert {"auth.login:success", "auth.login:failure", "token.create:success", "token.revoke:success"} <= actions, \
        actions
    admin_rows = admin.api("GET", "/api/v1/admin/audit?limit=200").json()["entries"]
    assert "admin.companies.list" in {entry["action"] for entry in admin_rows}
    failed = [entry for entry in admin_rows if entry["action"] == "auth.login" and entry["outcome"] == "failure"
              and entry["company_id"] == client.company["id"]]
    assert failed and failed[0]["ip"] and "Falsches" not in json.dumps(failed)


def test_portal_forms_register_sign_in_show_the_company_and_sign_out(stack):
    browser = Client(stack)
    page = browser.get(browser.url("/de/registrieren"))
    assert page.status_code == 200 and browser.cookies.get(FORM_COOKIE)
    email = unique_email("portal")
    name = f"Portal GmbH {email[:13]}"
    form = {"csrf_token": form_token(page.text), "email": email, "password": PASSWORD, "company_name": name,
            "country": "DE", "vat_id": "", "b2b_confirm": "1", "street": "Hauptstraße 1", "postal_code": "10115",
            "city": "Berlin"}
    # Without the form cookie's token it is refused and nothing is stored.
    forged = browser.post(browser.url("/de/registrieren"), data=dict(form, csrf_token="x" * 32),
                          allow_redirects=False)
    assert forged.status_code == 403
    assert psql(stack, f"SELECT count(*) FROM users WHERE email = {quoted(email)}") == "0"

    registered = browser.post(browser.url("/de/registrieren"), data=form, allow_redirects=False)
    assert registered.status_code == 303, registered.text[:500]
    assert registered.headers["Location"].endswith("/de/konto")
    SEEN_SECRETS.append(browser.cookies.get(SESSION_COOKIE))
    account = browser.get(browser.url("/de/konto"))
    assert account.status_code == 200 and name in account.text and email in account.text
    assert "no-store" in account.headers["Cache-Control"]

    logout_token = form_token(account.text)
    out = browser.post(browser.url("/de/logout"), data={"csrf_token": logout_token}, allow_redirects=False)
    assert out.status_code == 303
    assert not browser.cookies.get(SESSION_COOKIE)
    gone = browser.get(browser.url("/de/konto"), allow_redirects=False)
    assert gone.status_code == 303 and "/de/anmelden" in gone.headers["Location"]

    login_page = browser.get(browser.url("/de/anmelden"))
    wrong = browser.post(browser.url("/de/anmelden"), allow_redirects=False,
                         data={"csrf_token": form_token(login_page.text), "email": email, "password": "nope-nope-1"})
    assert wrong.status_code == 401
    signed_in = browser.post(browser.url("/de/anmelden"), allow_redirects=False,
                             data={"csrf_token": form_token(login_page.text), "email": email, "password": PASSWORD})
    assert signed_in.status_code == 303 and signed_in.headers["Location"].endswith("/de/konto")
    SEEN_SECRETS.append(browser.cookies.get(SESSION_COOKIE))
    assert name in browser.get(browser.url("/de/konto")).text


def test_the_portal_token_page_shows_a_new_token_once_and_revokes_it(stack):
    owner = company(stack)
    remember(owner)
    page = owner.get(owner.url("/de/konto/api-tokens"))
    assert page.status_code == 200
    created = owner.post(owner.url("/de/konto/api-tokens"), data={"csrf_token": form_token(page.text),
                                                                  "name": "portal"})
    assert created.status_code == 200
    token = re.search(r'<code class="token">([^<]+)</code>', created.text).group(1)
    remember_token(token)
    robot = Client(stack)
    robot.bearer = token
    assert robot.api("GET", "/api/v1/me").status_code == 200
    again = owner.get(owner.url("/de/konto/api-tokens"))
    assert token not in again.text and "portal" in again.text
    token_id = re.search(r'name="revoke" value="([^"]+)"', again.text).group(1)
    revoked = owner.post(owner.url("/de/konto/api-tokens"), allow_redirects=False,
                         data={"csrf_token": form_token(again.text), "revoke": token_id})
    assert revoked.status_code == 303
    assert_problem(robot.api("GET", "/api/v1/me"), 401)


def test_the_portal_sign_in_form_is_throttled_with_retry_after(stack):
    owner = company(stack)
    browser = Client(stack)
    page = browser.get(browser.url("/de/anmelden"))
    statuses = []
    for _ in range(8):
        response = browser.post(browser.url("/de/anmelden"), allow_redirects=False,
                                data={"csrf_token": form_token(page.text), "email": owner.email,
                                      "password": "Falsches-Passwort-123"})
        statuses.append(response.status_code)
        if response.status_code == 429:
            break
    assert statuses[:5] == [401] * 5 and statuses[-1] == 429, statuses
    assert int(response.headers["Retry-After"]) >= 1
    assert response.headers["Content-Type"].startswith("text/html")


@pytest.mark.parametrize("target", ["/de/konto/kaeufe", "/de/checkout/success?session_id=cs_mock_0123456789abcdef"])
def test_signing_in_returns_to_the_page_that_asked_for_it(stack, target):
    owner = company(stack)
    browser = Client(stack)
    asked = browser.get(browser.url(target), allow_redirects=False)
    assert asked.status_code == 303
    location = asked.headers["Location"]
    assert location.startswith("/de/anmelden?next=")
    page = browser.get(browser.url(location))
    assert page.status_code == 200
    action, hidden = login_form(page.text)
    signed_in = browser.post(browser.url(action), allow_redirects=False,
                             data=dict(hidden, email=owner.email, password=PASSWORD))
    assert signed_in.status_code == 303, signed_in.text[:300]
    # Back where the visitor wanted to go, query included (the success page needs its session_id).
    assert signed_in.headers["Location"] == target
    SEEN_SECRETS.append(browser.cookies.get(SESSION_COOKIE))
    # A foreign target is never carried or followed.
    stranger = Client(stack)
    evil = stranger.get(stranger.url("/de/anmelden?next=//evil.example/"))
    action, hidden = login_form(evil.text)
    assert "next" not in hidden and "evil" not in action
    again = stranger.post(stranger.url(action), allow_redirects=False,
                          data=dict(hidden, email=owner.email, password=PASSWORD, next="//evil.example/"))
    assert again.status_code == 303 and again.headers["Location"] == "/de/konto", again.headers


def test_no_password_token_or_session_value_is_logged(stack):
    # Runs last in this file: everything above has written its logs by now.
    assert len(SEEN_SECRETS) > 10
    secrets_only = [value for value in SEEN_SECRETS if value and len(value) >= 16]
    leaks = secret_leaks(logs_of(stack), secrets_only)
    assert not leaks, leaks
    # The logs are not empty (the check would be vacuous otherwise).
    assert re.search(r"/api/v1/auth/login", logs_of(stack)["nginx-access.log"])
