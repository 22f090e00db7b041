"""nginx's page cache in front of the public pages."""

from __future__ import annotations

import uuid


def test_a_session_cookie_bypasses_the_page_cache(client, stack):
    response = client.get(f"{stack.https}/en/", cookies={"__Host-codezero_session": "anything"})
    assert response.status_code == 200
    assert response.headers["X-Cache-Status"] == "BYPASS"


def test_anonymous_pages_are_cached_unless_the_application_forbids_it(client, stack):
    url = f"{stack.https}/de/?e2e={uuid.uuid4().hex}"
    first = client.get(url)
    second = client.get(url)
    assert first.headers["X-Cache-Status"] == "MISS"
    cache_control = first.headers.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("no-store", "private", "no-cache", "max-age=0")):
        assert second.headers["X-Cache-Status"] != "HIT"
    else:
        assert second.headers["X-Cache-Status"] == "HIT"
        assert second.text == first.text


def test_api_responses_are_not_page_cached(client, stack):
    response = client.get(f"{stack.https}/api/v1/billing/products")
    assert "X-Cache-Status" not in response.headers
