"""The site's forms through nginx: the configurator without JavaScript (priced on the server), the quote API,
the contact form (CSRF, validation, honeypot, stored rows) and the consent banner (records, cookie, no open
redirect). Form posts come from their own loopback addresses (nginx limits form posts per address)."""

from __future__ import annotations

import re
import uuid
from urllib.parse import urlencode

import pytest

from helpers import assert_problem
from site_support import euro, parse, psql, session_from

VALID_ATU = "ATU13585627"
BROKEN_ATU = "ATU13585628"  # the checksum digit is wrong


@pytest.fixture(scope="module")
def catalog(stack):
    with session_from(stack, "127.0.0.1") as session:
        body = session.get(f"{stack.https}/api/v1/catalog").json()
    return {item["id"]: item for item in body["packages"] + body["addons"]}


def configurator(client, stack, language: str = "de", **query) -> tuple[int, str]:
    path = "/de/konfigurator" if language == "de" else "/en/configurator"
    response = client.get(f"{stack.https}{path}?{urlencode(query)}")
    return response.status_code, response.text


def summary(html: str) -> dict[str, str]:
    page = parse(html)
    # The first cells are the server's summary; the later, empty ones are configurator.js's <template>.
    return {key: page.all("td", **{f"data-quote-{key}": ""})[0].text.strip() for key in ("net", "vat", "gross")}


# --- configurator without JavaScript ----------------------------------------------------------------------------


def test_configurator_get_form_prices_a_german_company_with_19_percent(client, stack, catalog):
    status, html = configurator(client, stack, package="assistant_starter", qty_extra_users="3",
                                qty_onboarding_workshop="1", country="DE")
    assert status == 200
    net = catalog["assistant_starter"]["net_cents"] + 3 * catalog["extra_users"]["net_cents"] \
        + catalog["onboarding_workshop"]["net_cents"]
    vat = round(net * 19 / 100)
    assert summary(html) == {"net": euro(net), "vat": euro(vat), "gross": euro(net + vat)}
    assert "USt. 19 %" in parse(html).text
    assert "Steuerschuldnerschaft" not in html


def test_configurator_reverse_charge_for_an_austrian_company_with_vat_id(client, stack, catalog):
    status, html = configurator(client, stack, package="assistant_business", qty_dedicated_gpu="2",
                                country="AT", vat_id=VALID_ATU)
    assert status == 200
    net = catalog["assistant_business"]["net_cents"] + 2 * catalog["dedicated_gpu"]["net_cents"]
    assert summary(html) == {"net": euro(net), "vat": euro(0), "gross": euro(net)}
    assert "Steuerschuldnerschaft des Leistungsempfängers" in parse(html).text
    assert VALID_ATU in parse(html).text


def test_configurator_without_vat_id_for_an_eu_company_shows_the_error_inline(client, stack):
    status, html = configurator(client, stack, package="assistant_starter", country="FR")
    assert status == 200
    page = parse(html)
    vat_input = page.one("input", name="vat_id")
    assert vat_input.attrs.get("aria-invalid") == "true"
    error = page.one("p", id="cfg-vat-id-error")
    assert "USt-IdNr." in error.text and "erforderlich" in error.text
    assert "cfg-vat-id-error" in vat_input.attrs["aria-describedby"]
    assert not any(cell.text.strip() for cell in page.all("td", data_quote_gross=""))


def test_configurator_us_company_pays_no_german_vat_and_english_shows_english(client, stack, catalog):
    status, html = configurator(client, stack, "en", package="ai_assessment", qty_model_finetuning="1",
                                country="US")
    assert status == 200
    net = catalog["ai_assessment"]["net_cents"] + catalog["model_finetuning"]["net_cents"]
    english = f"€{net // 100:,}.{net % 100:02d}"
    assert summary(html) == {"net": english, "vat": "€0.00", "gross": english}
    assert parse(html).one("html").attrs["lang"] == "en"


# --- the quote API -----------------------------------------------------------------------------------------------


def quote(client, stack, body, language: str | None = None):
    headers = {"Accept-Language": language} if language else {}
    if isinstance(body, (bytes, str)):
        headers["Content-Type"] = "application/json"
        return client.post(f"{stack.https}/api/v1/pricing/quote", data=body, headers=headers)
    return client.post(f"{stack.https}/api/v1/pricing/quote", json=body, headers=headers)


def test_quote_germany_19_percent(client, stack, catalog):
    response = quote(client, stack, {"package": "assistant_starter", "country": "DE",
                                     "addons": [{"id": "extra_users", "quantity": 2}]})
    assert response.status_code == 200, response.text
    body = response.json()
    net = catalog["assistant_starter"]["net_cents"] + 2 * catalog["extra_users"]["net_cents"]
    assert (body["net_cents"], body["vat_rate"], body["vat_cents"], body["gross_cents"]) == \
        (net, "19", net * 19 // 100, net + net * 19 // 100)
    assert body["reverse_charge"] is False and body["vat_category"] == "S"
    assert [line["id"] for line in body["lines"]] == ["assistant_starter", "extra_users"]


def test_quote_austria_with_valid_vat_id_is_reverse_charge(client, stack, catalog):
    response = quote(client, stack, {"package": "ai_assessment", "country": "AT", "vat_id": VALID_ATU})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["reverse_charge"] is True
    assert (body["vat_cents"], body["gross_cents"]) == (0, catalog["ai_assessment"]["net_cents"])
    assert "Steuerschuldnerschaft des Leistungsempfängers" in body["legal_note"]["de"]
    assert body["vat_id"] == VALID_ATU


def test_quote_usa_is_zero_percent(client, stack, catalog):
    body = quote(client, stack, {"package": "ai_assessment", "country": "US"}).json()
    assert (body["vat_rate_basis_points"], body["vat_cents"], body["reverse_charge"]) == (0, 0, False)
    assert body["gross_cents"] == catalog["ai_assessment"]["net_cents"]


@pytest.mark.parametrize("body,field", [
    ({"package": "assistant_starter", "country": "FR"}, "vat_id"),
    ({"package": "assistant_starter", "country": "AT", "vat_id": BROKEN_ATU}, "vat_id"),
    ({"package": "no_such_package", "country": "DE"}, "package"),
    ({"package": "assistant_starter", "country": "DE", "addons": [{"id": "no_such_addon"}]}, "addons"),
    ({"package": "assistant_starter", "country": "DE", "addons": [{"id": "extra_users", "quantity": 51}]},
     "addons"),
    ({"package": "assistant_starter", "country": "DE", "addons": [{"id": "extra_users", "quantity": 0}]},
     "addons"),
], ids=["fr-without-vat-id", "bad-checksum", "unknown-package", "unknown-addon", "too-many", "zero"])
def test_quote_refusals_are_422_naming_the_field(client, stack, body, field):
    problem = assert_problem(quote(client, stack, body), 422)
    fields = [error["field"] for error in problem["errors"]]
    assert any(name == field or name.startswith(field) for name in fields), problem


def test_quote_malformed_json_is_400(client, stack):
    assert_problem(quote(client, stack, b'{"package": "assistant_starter", "country": '), 400)


def test_quote_detail_follows_accept_language(client, stack):
    body = {"package": "assistant_starter", "country": "FR"}
    german = assert_problem(quote(client, stack, body, "de-DE,de;q=0.9"), 422)
    english = assert_problem(quote(client, stack, body, "en"), 422)
    assert "USt-IdNr." in german["detail"] and "erforderlich" in german["detail"]
    assert german["detail"] != english["detail"] and "VAT" in english["detail"]


# --- contact form ----------------------------------------------------------------------------------------------


def stored(stack, marker: str) -> list[list[str]]:
    return psql(stack, f"SELECT name, company, email, phone, language FROM contact_requests "
                       f"WHERE message LIKE '%{marker}%'")


@pytest.fixture
def visitor(stack):
    # Contact posts from their own address: the form limit (20/min, burst 20) is not shared with other files.
    with session_from(stack, "127.0.0.31") as session:
        yield session


def contact_token(session, stack, path: str = "/de/kontakt") -> str:
    response = session.get(stack.https + path)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "private, no-store"
    cookie = next(c for c in session.cookies if c.name == "__Host-codezero_form")
    assert cookie.secure and cookie.path == "/" and cookie.has_nonstandard_attr("HttpOnly")
    # The contact form and the consent banner's form both carry it.
    tokens = {field.attrs["value"] for field in parse(response.text).all("input", name="csrf_token")}
    assert tokens == {cookie.value} and len(cookie.value) >= 16
    return cookie.value


def fields(marker: str, **overrides) -> dict[str, str]:
    values = {"name": "Erika Muster", "company": "Muster GmbH", "email": "erika@muster.example",
              "phone": "+49 30 123", "message": f"Wir planen einen Assistenten. {marker}", "website": ""}
    values.update(overrides)
    return values


@pytest.mark.parametrize("token", [None, "wrong-token-0123456789abcdef"], ids=["without", "wrong"])
def test_contact_post_without_or_with_a_wrong_token_is_403_and_stores_nothing(visitor, stack, token):
    contact_token(visitor, stack)
    marker = uuid.uuid4().hex
    data = fields(marker)
    if token:
        data["csrf_token"] = token
    response = visitor.post(f"{stack.https}/de/kontakt", data=data, allow_redirects=False)
    assert response.status_code == 403
    assert parse(response.text).one("html").attrs["lang"] == "de"
    assert stored(stack, marker) == []


def test_contact_post_from_another_origin_is_403(visitor, stack):
    token = contact_token(visitor, stack)
    marker = uuid.uuid4().hex
    response = visitor.post(f"{stack.https}/de/kontakt", data={**fields(marker), "csrf_token": token},
                            headers={"Origin": "https://evil.example"}, allow_redirects=False)
    assert response.status_code == 403
    assert stored(stack, marker) == []


@pytest.mark.parametrize("language,path,expected", [
    ("de", "/de/kontakt", "gültige E-Mail-Adresse"),
    ("en", "/en/contact", "valid email address"),
])
def test_contact_invalid_fields_are_422_with_inline_errors_in_the_language(visitor, stack, language, path,
                                                                           expected):
    token = contact_token(visitor, stack, path)
    marker = uuid.uuid4().hex
    response = visitor.post(stack.https + path, data={**fields(marker, email="not-an-address", name=""),
                                                      "csrf_token": token}, allow_redirects=False)
    assert response.status_code == 422
    page = parse(response.text)
    assert page.one("html").attrs["lang"] == language
    email = page.one("input", name="email")
    assert email.attrs["aria-invalid"] == "true" and email.attrs["value"] == "not-an-address"
    assert expected in page.one("p", id="contact-email-error").text
    assert page.one("input", name="name").attrs["aria-invalid"] == "true"
    assert page.one("input", name="company").attrs.get("aria-invalid") is None
    assert marker in page.one("textarea", name="message").text  # the visitor's text is kept
    assert stored(stack, marker) == []


def test_contact_honeypot_pretends_success_but_stores_nothing(visitor, stack):
    token = contact_token(visitor, stack)
    marker = uuid.uuid4().hex
    response = visitor.post(f"{stack.https}/de/kontakt",
                            data={**fields(marker, website="https://spam.example"), "csrf_token": token},
                            allow_redirects=False)
    assert response.status_code == 303
    assert response.headers["Location"] == "/de/kontakt/danke"
    assert stored(stack, marker) == []


@pytest.mark.parametrize("language,path,thanks", [
    ("de", "/de/kontakt", "/de/kontakt/danke"), ("en", "/en/contact", "/en/contact/thanks"),
])
def test_a_valid_contact_request_is_stored_and_thanked(visitor, stack, language, path, thanks):
    token = contact_token(visitor, stack, path)
    marker = uuid.uuid4().hex
    response = visitor.post(stack.https + path, data={**fields(marker), "csrf_token": token},
                            allow_redirects=False)
    assert response.status_code == 303
    assert response.headers["Location"] == thanks
    assert stored(stack, marker) == [["Erika Muster", "Muster GmbH", "erika@muster.example", "+49 30 123",
                                      language]]
    page = visitor.get(stack.https + thanks)
    assert page.status_code == 200 and parse(page.text).one("html").attrs["lang"] == language


# --- consent ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/de/", "/en/pricing", "/de/konfigurator"])
def test_the_banner_offers_reject_and_accept_equally(client, stack, path):
    page = parse(client.get(stack.https + path).text)
    banner = page.one("section", id="consent-banner")
    assert banner is not None
    form = page.one("form", action=f"/{path[1:3]}/consent")
    assert form.attrs["method"] == "post"
    buttons = {b.attrs["value"]: b for b in page.all("button", name="choice")}
    assert {"accept_all", "reject_all"} <= set(buttons)
    # Equally prominent: the same element, the same form, the same class.
    assert buttons["accept_all"].attrs["class"] == buttons["reject_all"].attrs["class"]
    assert page.one("input", name="return_to").attrs["value"] == path


@pytest.fixture
def decider(stack):
    with session_from(stack, "127.0.0.32") as session:
        yield session


def consent_token(session, stack, language: str = "de") -> str:
    """The visitor's CSRF token from the (never cached) consent settings page, as consent.js takes it."""
    page = session.get(f"{stack.https}/{language}/consent")
    assert page.status_code == 200 and page.headers["Cache-Control"] == "private, no-store"
    assert "X-Cache-Status" not in page.headers or page.headers["X-Cache-Status"] != "HIT"
    cookie = next(c for c in session.cookies if c.name == "__Host-codezero_form")
    assert parse(page.text).one("input", name="csrf_token").attrs["value"] == cookie.value
    return cookie.value


@pytest.mark.parametrize("choice,purposes", [("reject_all", "{}"), ("accept_all", "{statistics,external_media}")])
def test_a_consent_decision_is_recorded_and_remembered(decider, stack, choice, purposes):
    token = consent_token(decider, stack)
    response = decider.post(f"{stack.https}/de/consent",
                            data={"choice": choice, "return_to": "/de/preise", "csrf_token": token},
                            allow_redirects=False)
    assert response.status_code == 303
    assert response.headers["Location"] == "/de/preise"
    consent = next(c for c in decider.cookies if c.name == "cz_consent")
    assert consent.secure and consent.path == "/"
    subject = next(c for c in decider.cookies if c.name == "__Host-codezero_consent_id").value
    rows = psql(stack, f"SELECT version, language, purposes::text, decided_at > now() - interval '1 minute' "
                       f"FROM consent_records WHERE subject = '{subject}' ORDER BY id DESC LIMIT 1")
    assert len(rows) == 1
    version, language, stored_purposes, recent = rows[0]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", version) and consent.value.startswith(version)
    assert (language, recent) == ("de", "t")
    assert set(stored_purposes.strip("{}").split(",")) - {""} == set(purposes.strip("{}").split(",")) - {""}
    # Back on the page: no banner for a visitor who decided (and the page does not come from the cache).
    page = decider.get(f"{stack.https}/de/preise")
    assert page.headers["X-Cache-Status"] == "BYPASS"
    assert "data-consent-banner" not in page.text


@pytest.mark.parametrize("target", ["https://evil.example/phish", "//evil.example/x", "/\\evil.example",
                                    "javascript:alert(1)"])
def test_return_to_cannot_leave_the_site(decider, stack, target):
    token = consent_token(decider, stack, "en")
    response = decider.post(f"{stack.https}/en/consent",
                            data={"choice": "reject_all", "return_to": target, "csrf_token": token},
                            allow_redirects=False)
    assert response.status_code == 303
    assert response.headers["Location"] == "/en/"


def test_a_cross_site_consent_post_is_refused_and_not_recorded(decider, stack):
    before = psql(stack, "SELECT count(*) FROM consent_records")[0][0]
    token = consent_token(decider, stack)
    response = decider.post(f"{stack.https}/de/consent",
                            data={"choice": "accept_all", "return_to": "/de/", "csrf_token": token},
                            headers={"Origin": "https://evil.example"}, allow_redirects=False)
    assert response.status_code == 403
    assert "cz_consent" not in response.headers.get("Set-Cookie", "")
    assert psql(stack, "SELECT count(*) FROM consent_records")[0][0] == before


def test_a_banner_post_without_the_visitors_token_stores_nothing_and_asks_to_confirm(decider, stack):
    """The banner of a cached page carries no token (its bytes are shared): the post alone stores nothing; the
    answer is the private settings page with the choice kept and this visitor's token, one click from done."""
    cached = [decider.get(f"{stack.https}/de/preise") for _ in range(2)]
    assert "csrf_token" not in cached[1].text and "Set-Cookie" not in cached[1].headers
    before = psql(stack, "SELECT count(*) FROM consent_records")[0][0]
    refused = decider.post(f"{stack.https}/de/consent", data={"choice": "accept_all", "return_to": "/de/preise"},
                           allow_redirects=False)
    assert refused.status_code == 403
    assert refused.headers["Cache-Control"] == "private, no-store"
    assert "cz_consent" not in refused.headers.get("Set-Cookie", "")
    assert psql(stack, "SELECT count(*) FROM consent_records")[0][0] == before
    page = parse(refused.text)
    token = page.one("input", name="csrf_token").attrs["value"]
    assert token == next(c for c in decider.cookies if c.name == "__Host-codezero_form").value
    assert page.one("input", name="return_to").attrs["value"] == "/de/preise"
    confirmed = decider.post(f"{stack.https}/de/consent",
                             data={"choice": "accept_all", "return_to": "/de/preise", "csrf_token": token},
                             allow_redirects=False)
    assert confirmed.status_code == 303 and confirmed.headers["Location"] == "/de/preise"
    assert int(psql(stack, "SELECT count(*) FROM consent_records")[0][0]) == int(before) + 1
