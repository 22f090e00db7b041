"""Headers nginx puts on every response: X-Request-Id and the security set (DESIGN §9)."""

from __future__ import annotations

import pytest

from helpers import REQUEST_ID, SECURITY_HEADERS

ONE_MIB = 1024 * 1024

# (name, method, base, path, extra request arguments, expected status)
RESPONSES = [
    ("pool JSON", "GET", "https", "/healthz", {}, 200),
    ("pool HTML", "GET", "https", "/en/", {}, 200),
    ("pool redirect", "GET", "https", "/", {"headers": {"Accept-Language": "de"}}, 302),
    ("pool 404", "GET", "https", "/api/v1/no-such-thing", {}, 404),
    ("pool 405", "DELETE", "https", "/healthz", {}, 405),
    ("static file", "GET", "https", "/favicon.ico", {}, 200),
    ("static 404", "GET", "https", "/assets/no-such-file.css", {}, 404),
    ("nginx 413", "POST", "https", "/api/v1/billing/products", {"data": b"x" * (ONE_MIB + 1)}, 413),
    ("http redirect", "GET", "http", "/en/", {}, 301),
    ("http healthz", "GET", "http", "/healthz", {}, 200),
]


@pytest.mark.parametrize(("name", "method", "base", "path", "arguments", "status"), RESPONSES, ids=[r[0] for r in RESPONSES])
def test_every_response_carries_the_security_headers_and_a_request_id(
    client, stack, name, method, base, path, arguments, status
):
    url = (stack.https if base == "https" else stack.http) + path
    response = client.request(method, url, allow_redirects=False, **arguments)
    assert response.status_code == status, response.text
    for header, value in SECURITY_HEADERS.items():
        # requests joins repeated headers with ", ": equality also proves the header is not doubled.
        assert response.headers.get(header) == value, f"{name}: {header}"
    assert REQUEST_ID.fullmatch(response.headers.get("X-Request-Id", "")), name


def test_request_ids_are_unique(client, stack):
    urls = [f"{stack.https}/healthz", f"{stack.https}/favicon.ico", f"{stack.http}/en/"] * 10
    ids = [client.get(url, allow_redirects=False).headers["X-Request-Id"] for url in urls]
    assert all(REQUEST_ID.fullmatch(value) for value in ids)
    assert len(set(ids)) == len(ids)


def test_no_x_frame_options_is_needed(client, stack):
    # CSP frame-ancestors earns the credit (REQUIREMENTS §6.5); a stray X-Frame-Options would mean
    # someone added headers outside the one include.
    response = client.get(f"{stack.https}/en/")
    assert "X-Frame-Options" not in response.headers
