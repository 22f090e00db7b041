"""The pool's routes, through nginx."""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest

from helpers import assert_problem


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("de", "/de/"),
        ("en", "/en/"),
        ("de-DE,de;q=0.9,en-US;q=0.8,en;q=0.7", "/de/"),
        ("en-US,en;q=0.9,de;q=0.8", "/en/"),
        ("fr-FR, de-AT;q=0.8, en;q=0.5", "/de/"),
        ("en;q=0.5, de-AT;q=0.8", "/de/"),
        ("fr", "/en/"),
        (None, "/en/"),
    ],
)
def test_root_redirects_by_accept_language(client, stack, accept_language, expected):
    headers = {} if accept_language is None else {"Accept-Language": accept_language}
    response = client.get(f"{stack.https}/", headers=headers, allow_redirects=False)
    assert response.status_code == 302
    assert urljoin(f"https://localhost:{stack.https_port}/", response.headers["Location"]).endswith(expected)
    target = urljoin(f"{stack.https}/", response.headers["Location"])
    assert target.split("://", 1)[1].split("/", 1)[1] == expected.lstrip("/")


@pytest.mark.parametrize("language", ["de", "en"])
def test_home_pages_are_html_in_their_language(client, stack, language):
    response = client.get(f"{stack.https}/{language}/")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/html")
    match = re.search(r"<html[^>]*\blang=\"([^\"]+)\"", response.text)
    assert match, response.text[:300]
    assert match.group(1) == language


def test_openapi_describes_the_api(client, stack):
    response = client.get(f"{stack.https}/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/json")
    document = response.json()
    assert document["openapi"].startswith("3.1")
    for path in ("/healthz", "/readyz", "/api/v1/openapi.json", "/api/v1/billing/products"):
        assert path in document["paths"], path
    assert "get" in document["paths"]["/api/v1/billing/products"]


def test_billing_products_are_read_from_the_database(client, stack):
    response = client.get(f"{stack.https}/api/v1/billing/products")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/json")
    text = response.text
    for product_id, cents in (("credits_1", 149), ("credits_5", 699), ("credits_10", 1299), ("iza_pass", 299)):
        assert f'"{product_id}"' in text
        assert str(cents) in text
    assert "EUR" in text


def test_unknown_paths_are_problem_404(client, stack):
    assert_problem(client.get(f"{stack.https}/api/v1/no-such-endpoint"), 404)


@pytest.mark.parametrize(("method", "path"), [("POST", "/healthz"), ("DELETE", "/api/v1/billing/products")])
def test_wrong_methods_are_problem_405_with_allow(client, stack, method, path):
    response = client.request(method, f"{stack.https}{path}", data=b"{}" if method == "POST" else None,
                              headers={"Content-Type": "application/json"})
    assert_problem(response, 405)
    allowed = {item.strip() for item in response.headers["Allow"].split(",")}
    assert "GET" in allowed


def json_operations(client, stack) -> list[tuple[str, str]]:
    """(method, path) of every operation without path parameters that takes a JSON body."""
    document = client.get(f"{stack.https}/api/v1/openapi.json").json()
    found = []
    for path, item in document["paths"].items():
        if "{" in path:
            continue
        for method, operation in item.items():
            content = (operation.get("requestBody") or {}).get("content", {}) if isinstance(operation, dict) else {}
            if "application/json" in content:
                found.append((method.upper(), path))
    return found


def test_malformed_json_is_problem_400_on_every_json_endpoint(client, stack):
    operations = json_operations(client, stack)
    for method, path in operations:
        response = client.request(method, f"{stack.https}{path}", data=b'{"unterminated": ',
                                  headers={"Content-Type": "application/json"})
        # An endpoint behind authentication may answer 401/403 before it reads the body.
        if response.status_code in (401, 403):
            continue
        assert_problem(response, 400)


def test_the_stack_says_where_development_mail_goes(stack):
    # Without CODEZERO_SMTP_URL in development, mails are files; `make run` tells the newcomer where (issue #12).
    assert f"every e-mail is written to {stack.var}/mail/ as an .eml file" in stack.log()
