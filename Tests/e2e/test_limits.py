"""Body limits and the loopback-only pages."""

from __future__ import annotations

import http.client
import json
import ssl

import pytest

from helpers import access_log_entry, assert_problem

ONE_MIB = 1024 * 1024


def test_a_body_over_1_mib_is_refused_by_nginx_and_never_reaches_the_pool(client, stack):
    response = client.post(f"{stack.https}/api/v1/billing/products", data=b"x" * (ONE_MIB + 1),
                           headers={"Content-Type": "application/json"})
    body = assert_problem(response, 413)
    assert body["request_id"] == response.headers["X-Request-Id"]
    entry = access_log_entry(stack.var, response.headers["X-Request-Id"])
    assert entry["status"] == 413
    assert entry["upstream_addr"] == ""


def test_a_chunked_body_over_1_mib_is_refused_too(client, stack):
    def chunks():
        for _ in range(17):
            yield b"y" * 65536

    response = client.post(f"{stack.https}/api/v1/billing/products", data=chunks(),
                           headers={"Content-Type": "application/json"})
    assert_problem(response, 413)
    assert access_log_entry(stack.var, response.headers["X-Request-Id"])["upstream_addr"] == ""


def test_a_body_of_exactly_1_mib_is_passed_to_the_pool(client, stack):
    response = client.post(f"{stack.https}/api/v1/billing/products", data=b"x" * ONE_MIB,
                           headers={"Content-Type": "application/json"})
    entry = access_log_entry(stack.var, response.headers["X-Request-Id"])
    assert entry["upstream_addr"].startswith("unix:"), entry
    assert response.headers["Content-Type"].startswith("application/problem+json")


def request_from(stack, source: str, path: str) -> tuple[int, dict[str, str], bytes]:
    context = ssl.create_default_context(cafile=stack.cert)
    connection = http.client.HTTPSConnection(
        "127.0.0.1", stack.https_port, context=context, timeout=10, source_address=(source, 0)
    )
    try:
        connection.request("GET", path, headers={"Host": f"localhost:{stack.https_port}"})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


@pytest.mark.parametrize("path", ["/status", "/metrics", "/ping"])
def test_loopback_only_pages_reach_the_pool_from_127_0_0_1(stack, path):
    status, headers, _ = request_from(stack, "127.0.0.1", path)
    entry = access_log_entry(stack.var, headers["X-Request-Id"])
    assert entry["upstream_addr"].startswith("unix:"), entry
    assert status != 403


@pytest.mark.parametrize("path", ["/status", "/metrics", "/ping"])
def test_loopback_only_pages_are_refused_to_other_addresses(stack, path):
    # 127.0.0.2 is not in the allow list (only 127.0.0.1 and ::1 are): it stands in for a remote client.
    status, headers, body = request_from(stack, "127.0.0.2", path)
    assert status == 403
    assert headers["Content-Type"] == "application/problem+json"
    assert json.loads(body)["status"] == 403
    assert access_log_entry(stack.var, headers["X-Request-Id"])["upstream_addr"] == ""
