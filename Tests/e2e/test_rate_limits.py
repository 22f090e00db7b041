"""nginx's per-address rate limits on sign-in and form posts (problem+json 429)."""

from __future__ import annotations

import http.client
import json
import ssl


def send(stack, source: str, method: str, path: str, body: bytes = b"") -> tuple[int, dict[str, str], bytes]:
    context = ssl.create_default_context(cafile=stack.cert)
    connection = http.client.HTTPSConnection(
        "127.0.0.1", stack.https_port, context=context, timeout=10, source_address=(source, 0)
    )
    try:
        headers = {"Host": f"localhost:{stack.https_port}", "Content-Type": "application/json"}
        connection.request(method, path, body=body or None, headers=headers)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def test_sign_in_floods_from_one_address_get_429_problems(stack):
    # 127.0.0.3 stands in for one client; other tests use 127.0.0.1 and are not affected.
    statuses = []
    limited = None
    for _ in range(45):
        status, headers, body = send(stack, "127.0.0.3", "POST", "/api/v1/auth/login", b"{}")
        statuses.append(status)
        if status == 429:
            limited = (headers, body)
    assert 429 in statuses, statuses
    # The burst (30) passes before the limit bites.
    assert statuses[:30].count(429) == 0, statuses
    headers, body = limited
    assert headers["Content-Type"] == "application/problem+json"
    assert json.loads(body)["status"] == 429


def test_page_reads_are_never_limited_but_form_posts_are(stack):
    for _ in range(30):
        status, _, _ = send(stack, "127.0.0.4", "GET", "/en/")
        assert status == 200
    statuses = [send(stack, "127.0.0.4", "POST", "/en/", b"x=1")[0] for _ in range(30)]
    assert 429 in statuses, statuses
    assert statuses[:20].count(429) == 0, statuses
