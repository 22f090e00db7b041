"""Account self-service through the real stack (issue #14 item 4, issue #10's address defect, issue #12, #17 item 6):
the portal registration collects the address invoices need (DE and EN), buying without a complete address is
refused with a link to the billing profile, the billing-profile page changes future invoices only, and a
portal-registered buyer's invoice passes the KoSIT XRechnung validator."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

import pytest

from helpers import assert_problem
from money_support import (PASSWORD, Client, company, form_token, mailed, psql, quoted, unique_email,
                           verify_email)
from stack import ROOT

VALIDATOR = ROOT / "var/validators/bin/python"

REGISTER = {"de": "/de/registrieren", "en": "/en/register"}
PROFILE = {"de": "/de/konto/rechnungsdaten", "en": "/en/account/billing-profile"}
CREDITS = {"de": "/de/konto/credits", "en": "/en/account/credits"}


def validate_xrechnung(xml: bytes) -> None:
    """Runs the project's XSD + EN 16931 + KoSIT XRechnung validator (scripts/validate-einvoice.py); a missing
    validator is a failure (scripts/deps.sh installs it), never a skip."""
    if not VALIDATOR.is_file():
        pytest.fail(f"{VALIDATOR} is missing: run scripts/deps.sh")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "invoice.xml"
        path.write_bytes(xml)
        result = subprocess.run([str(VALIDATOR), str(ROOT / "scripts/validate-einvoice.py"), str(path)],
                                capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]


def portal_registration(stack, language: str, address: dict[str, str]):
    browser = Client(stack)
    page = browser.get(browser.url(REGISTER[language]))
    assert page.status_code == 200
    for field in ("street", "postal_code", "city"):
        assert f'name="{field}"' in page.text
    email = unique_email(f"self-{language}")
    form = {"csrf_token": form_token(page.text), "email": email, "password": PASSWORD,
            "company_name": f"Selbst GmbH {email[:12]}", "country": "DE", "vat_id": "", "b2b_confirm": "1",
            **address}
    return browser, email, browser.post(browser.url(REGISTER[language]), data=form, allow_redirects=False)


@pytest.mark.parametrize("language", ["de", "en"])
def test_portal_registration_requires_the_address_and_the_invoice_passes_kosit(stack, language):
    # Without street, postal code and city the form is shown again with the fields marked; nothing is stored.
    browser, email, missing = portal_registration(stack, language, {"street": "", "postal_code": "", "city": ""})
    assert missing.status_code == 422, missing.text[:500]
    required = "Bitte füllen Sie dieses Feld aus." if language == "de" else "Please fill in this field."
    assert missing.text.count(required) >= 3 and 'id="register-street-error"' in missing.text
    assert psql(stack, f"SELECT count(*) FROM users WHERE email = {quoted(email)}") == "0"

    browser, email, registered = portal_registration(
        stack, language, {"street": "Unter den Linden 5", "extra": "3. OG", "postal_code": "10117",
                          "city": "Berlin"})
    assert registered.status_code == 303, registered.text[:500]
    stored = psql(stack, "SELECT street || '|' || extra || '|' || postal_code || '|' || city FROM companies c "
                         f"JOIN memberships m ON m.company_id = c.id JOIN users u ON u.id = m.user_id "
                         f"WHERE u.email = {quoted(email)}")
    assert stored == "Unter den Linden 5|3. OG|10117|Berlin"

    # Buy a credit pack as this portal-registered company; the rendered invoice passes KoSIT (BR-DE-8/9 included).
    buyer = Client(stack)
    buyer.email, buyer.password = email, PASSWORD
    assert buyer.login().status_code == 200
    verify_email(stack, buyer)
    started = buyer.api("POST", "/api/v1/billing/checkout/session", {"product_id": "credits_1"})
    assert started.status_code == 201, started.text
    assert buyer.api("POST", "/api/v1/billing/checkout/complete",
                     {"session_id": started.json()["session_id"]}).status_code == 200
    mailed(stack, "payment-receipt", email, timeout=180)
    invoice = next(entry for entry in buyer.api("GET", "/api/v1/invoices").json()["invoices"]
                   if entry.get("purchase_id") == started.json()["purchase_id"])
    xml = buyer.api("GET", f"/api/v1/invoices/{invoice['id']}/xml")
    assert xml.status_code == 200
    assert b"Unter den Linden 5" in xml.content and b"10117" in xml.content
    validate_xrechnung(xml.content)


def test_a_company_without_an_address_cannot_buy_until_its_billing_profile_is_complete(stack):
    # The API keeps the address optional at registration (contract); buying is what needs it.
    client = Client(stack)
    client.email = unique_email("noaddr")
    client.password = PASSWORD
    registered = client.api("POST", "/api/v1/auth/register",
                            {"email": client.email, "password": PASSWORD, "company_name": "Ohne Adresse GmbH",
                             "country": "DE"})
    assert registered.status_code == 201, registered.text
    client.csrf, client.company = registered.json()["csrf_token"], registered.json()["company"]
    verify_email(stack, client)
    for path, body in (("/api/v1/billing/checkout/session", {"product_id": "credits_1"}),
                       ("/api/v1/orders", {"package": "ai_assessment", "addons": []}),
                       ("/api/v1/subscriptions", {"plan_id": "assistant_starter"})):
        problem = assert_problem(client.api("POST", path, body), 409)
        assert problem["type"].endswith("/problems/billing-address-missing"), problem
        assert problem["billing_profile"] == "/api/v1/company/billing-profile"
    company_id = client.company["id"]
    for table in ("purchases", "orders", "subscriptions"):
        assert psql(stack, f"SELECT count(*) FROM {table} WHERE company_id = {quoted(company_id)}::uuid") == "0"

    # The portal says why and links to the billing-profile page, in both languages.
    for language, words in (("de", "Rechnungsanschrift"), ("en", "billing address")):
        page = client.get(client.url(CREDITS[language]))
        refused = client.post(client.url(CREDITS[language]), allow_redirects=False,
                              data={"csrf_token": form_token(page.text), "product_id": "credits_1"})
        assert refused.status_code == 409, refused.text[:500]
        assert words in refused.text and f'href="{PROFILE[language]}"' in refused.text

    # The billing-profile page: bad input is shown in the page's language and stores nothing.
    for language, message in (("de", "Prüfziffer"), ("en", "check digits")):
        page = client.get(client.url(PROFILE[language]))
        assert page.status_code == 200 and "no-store" in page.headers["Cache-Control"]
        bad = client.post(client.url(PROFILE[language]), allow_redirects=False,
                          data={"csrf_token": form_token(page.text), "legal_name": "Ohne Adresse GmbH",
                                "street": "Ring 1", "postal_code": "1010", "city": "Wien", "country": "AT",
                                "vat_id": "ATU13585628"})
        assert bad.status_code == 422 and message in bad.text
    assert psql(stack, f"SELECT coalesce(street, '-') FROM companies WHERE id = {quoted(company_id)}::uuid") == "-"
    # Without the session's CSRF token the page refuses.
    forged = client.post(client.url(PROFILE["en"]), allow_redirects=False,
                         data={"csrf_token": "x" * 32, "legal_name": "X", "street": "Ring 1", "postal_code": "1",
                               "city": "Wien", "country": "DE"})
    assert forged.status_code == 403
    page = client.get(client.url(PROFILE["de"]))
    saved = client.post(client.url(PROFILE["de"]), allow_redirects=False,
                        data={"csrf_token": form_token(page.text), "legal_name": "Mit Adresse GmbH",
                              "street": "Hauptstraße 7", "postal_code": "50667", "city": "Köln", "country": "DE",
                              "vat_id": ""})
    assert saved.status_code == 303 and saved.headers["Location"].endswith(PROFILE["de"] + "?saved=1")
    shown = client.get(client.url(PROFILE["de"] + "?saved=1"))
    assert "Hauptstraße 7" in shown.text and "gespeichert" in shown.text
    assert client.api("POST", "/api/v1/billing/checkout/session", {"product_id": "credits_1"}).status_code == 201


def test_the_billing_profile_page_changes_future_invoices_only(stack):
    client = company(stack, "DE")
    first = client.api("POST", "/api/v1/billing/checkout/session", {"product_id": "credits_1"})
    assert client.api("POST", "/api/v1/billing/checkout/complete",
                      {"session_id": first.json()["session_id"]}).status_code == 200
    mailed(stack, "payment-receipt", client.email, timeout=180)
    invoices = client.api("GET", "/api/v1/invoices").json()["invoices"]
    before = next(entry for entry in invoices if entry.get("purchase_id") == first.json()["purchase_id"])
    xml_before = client.api("GET", f"/api/v1/invoices/{before['id']}/xml").content
    page = client.get(client.url(PROFILE["en"]))
    assert "Hauptstraße 1" in page.text  # prefilled with the current profile
    saved = client.post(client.url(PROFILE["en"]), allow_redirects=False,
                        data={"csrf_token": form_token(page.text), "legal_name": "Neuer Name AG",
                              "street": "Neue Straße 9", "postal_code": "80331", "city": "München",
                              "country": "DE", "vat_id": "DE136695976"})
    assert saved.status_code == 303, saved.text[:500]
    second = client.api("POST", "/api/v1/billing/checkout/session", {"product_id": "credits_1"})
    assert client.api("POST", "/api/v1/billing/checkout/complete",
                      {"session_id": second.json()["session_id"]}).status_code == 200
    invoices = client.api("GET", "/api/v1/invoices").json()["invoices"]
    after = next(entry for entry in invoices if entry.get("purchase_id") == second.json()["purchase_id"])
    buyer = psql(stack, f"SELECT buyer->>'legal_name' FROM invoices WHERE id = {quoted(after['id'])}::uuid")
    old_buyer = psql(stack, f"SELECT buyer->>'legal_name' FROM invoices WHERE id = {quoted(before['id'])}::uuid")
    assert buyer == "Neuer Name AG" and old_buyer.startswith("Firma ")
    # The issued invoice's document is byte-identical.
    assert client.api("GET", f"/api/v1/invoices/{before['id']}/xml").content == xml_before


SECURITY = {"de": "/de/konto/sicherheit", "en": "/en/account/security"}
CONFIRM = {"de": "/de/email-aendern", "en": "/en/change-email"}


def test_change_password_through_the_portal_ends_other_sessions_and_mails_a_notice(stack):
    client = company(stack, "DE")
    laptop = Client(stack)
    laptop.email, laptop.password = client.email, client.password
    assert laptop.login().status_code == 200
    for language, message in (("de", "Das Passwort ist falsch"), ("en", "The password is wrong")):
        page = client.get(client.url(SECURITY[language]))
        assert page.status_code == 200 and "no-store" in page.headers["Cache-Control"]
        wrong = client.post(client.url(SECURITY[language]), allow_redirects=False,
                            data={"csrf_token": form_token(page.text), "form": "password",
                                  "current_password": "falsch-falsch-1", "new_password": "Neues-Passwort-2026"})
        assert wrong.status_code == 422 and message in wrong.text
    assert laptop.api("GET", "/api/v1/me").status_code == 200
    forged = client.post(client.url(SECURITY["de"]), allow_redirects=False,
                         data={"csrf_token": "x" * 32, "form": "password", "current_password": PASSWORD,
                               "new_password": "Neues-Passwort-2026"})
    assert forged.status_code == 403
    page = client.get(client.url(SECURITY["de"]))
    changed = client.post(client.url(SECURITY["de"]), allow_redirects=False,
                          data={"csrf_token": form_token(page.text), "form": "password", "current_password": PASSWORD,
                                "new_password": "Neues-Passwort-2026"})
    assert changed.status_code == 200 and "Ihr Passwort ist geändert" in changed.text
    assert client.api("GET", "/api/v1/me").status_code == 200
    assert laptop.api("GET", "/api/v1/me").status_code == 401
    notice = mailed(stack, "password-changed", client.email)
    assert notice["Subject"] == "Ihr Passwort wurde geändert"
    # The API does the same with JSON; a wrong current password is a 422 problem naming the field.
    problem = assert_problem(client.api("POST", "/api/v1/me/password",
                                        {"current_password": PASSWORD, "new_password": "Noch-ein-Passwort-3"}), 422)
    assert problem["errors"][0]["field"] == "current_password"
    assert client.api("POST", "/api/v1/me/password", {"current_password": "Neues-Passwort-2026",
                                                      "new_password": "Noch-ein-Passwort-3"}).status_code == 204


def test_change_email_through_the_portal_is_confirmed_from_the_new_address(stack):
    client = company(stack, "DE")
    other = company(stack, "DE")
    new_email = unique_email("moved")
    for language, message in (("de", "bereits ein Konto"), ("en", "already an account")):
        page = client.get(client.url(SECURITY[language]))
        taken = client.post(client.url(SECURITY[language]), allow_redirects=False,
                            data={"csrf_token": form_token(page.text), "form": "email", "new_email": other.email,
                                  "password": PASSWORD})
        assert taken.status_code == 409 and message in taken.text
    assert psql(stack, "SELECT count(*) FROM account_tokens t JOIN users u ON u.id = t.user_id "
                       f"WHERE t.purpose = 'change_email' AND u.email = {quoted(client.email)}") == "0"
    page = client.get(client.url(SECURITY["en"]))
    requested = client.post(client.url(SECURITY["en"]), allow_redirects=False,
                            data={"csrf_token": form_token(page.text), "form": "email", "new_email": new_email,
                                  "password": PASSWORD})
    assert requested.status_code == 200 and "on its way to the new address" in requested.text
    link_mail = mailed(stack, "email-change", new_email)
    assert link_mail["Subject"] == "Confirm your new email address"
    text = link_mail.get_body(("plain",)).get_content()
    assert f"{CONFIRM['en']}?token=" in text
    token = text.split("?token=", 1)[1].split()[0]
    # The page the link opens posts the token with the site forms' guard.
    visitor = Client(stack)
    confirm_page = visitor.get(visitor.url(f"{CONFIRM['en']}?token={token}"))
    assert confirm_page.status_code == 200 and token in confirm_page.text
    done = visitor.post(visitor.url(CONFIRM["en"]), allow_redirects=False,
                        data={"csrf_token": form_token(confirm_page.text), "token": token})
    assert done.status_code == 200 and "Your email address is changed" in done.text
    old_notice = mailed(stack, "email-changed", client.email)
    assert new_email in old_notice.get_body(("plain",)).get_content()
    assert client.api("GET", "/api/v1/me").json()["user"]["email"] == new_email
    again_page = visitor.get(visitor.url(f"{CONFIRM['de']}?token={token}"))
    again = visitor.post(visitor.url(CONFIRM["de"]), allow_redirects=False,
                         data={"csrf_token": form_token(again_page.text), "token": token})
    assert again.status_code == 422 and "Link" in again.text
    relogin = Client(stack)
    relogin.email, relogin.password = new_email, PASSWORD
    assert relogin.login().status_code == 200
    relogin.email = client.email
    assert relogin.login().status_code == 401
