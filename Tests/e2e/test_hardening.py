"""Issue #17 through the real stack (nginx + pool + PostgreSQL): bad input of every shape is a clean 4xx
problem, never a 500 or an error-log line an anonymous client can multiply; the consent cookie cannot poison
the page cache; a long query on a portal page is no 502."""

from __future__ import annotations

import json
import socket
import ssl
import time

import pytest

from helpers import assert_problem
from money_support import Client, company, logs_of, psql


def raw(stack, request: bytes, timeout: float = 10) -> tuple[int, dict[str, str], bytes]:
    """Sends bytes as they are over TLS (no client library fixes them up); returns status, headers, body."""
    context = ssl.create_default_context(cafile=stack.cert)
    context.check_hostname = False
    with socket.create_connection(("127.0.0.1", stack.https_port), timeout=timeout) as plain:
        with context.wrap_socket(plain, server_hostname="localhost") as sock:
            sock.sendall(request)
            data = b""
            while True:
                try:
                    chunk = sock.recv(65536)
                except (ConnectionResetError, ssl.SSLError):
                    break
                if not chunk:
                    break
                data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ")[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return status, headers, body


def error_log(stack) -> str:
    path = stack.var / "log" / "nginx-error.log"
    return path.read_text(errors="replace") if path.exists() else ""


def assert_raw_problem(status: int, headers: dict[str, str], body: bytes, expected: int) -> dict:
    assert status == expected, (status, headers, body[:300])
    assert headers["content-type"].split(";")[0] == "application/problem+json", headers
    problem = json.loads(body)
    assert problem["status"] == expected and problem["title"]
    assert len(problem["request_id"]) == 32
    assert headers["strict-transport-security"].startswith("max-age=")
    return problem


@pytest.mark.parametrize("line", [
    b"GET /%zz HTTP/1.1",
    b"GET /de/%00 HTTP/1.1",
    b"GET /a\x00b HTTP/1.1",
    b"GET /../../etc/passwd HTTP/1.1",
    b"GET /de/../../x HTTP/1.1",
    b"G@T / HTTP/1.1",
    b"GET / HTTP/9.9",
])
def test_unparsable_request_lines_are_a_problem_400_without_an_error_log_line(stack, line):
    before = error_log(stack)
    status, headers, body = raw(stack, line + b"\r\nHost: localhost\r\nConnection: close\r\n\r\n")
    assert_raw_problem(status, headers, body, 505 if b"HTTP/9" in line else 400)
    time.sleep(0.2)
    added = error_log(stack)[len(before):]
    assert "[error]" not in added and "[crit]" not in added and "[alert]" not in added, added


def test_a_uri_over_8_kb_is_414_problem_json(stack):
    before = error_log(stack)
    status, headers, body = raw(
        stack, b"GET /de/?" + b"a" * 9000 + b" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
    assert_raw_problem(status, headers, body, 414)
    assert "[error]" not in error_log(stack)[len(before):]


@pytest.mark.parametrize("header", [b"X-Big: " + b"x" * 9000, b"Cookie: " + b"; ".join(b"c%d=%s" % (i, b"v" * 1000) for i in range(40))],
                         ids=["one-header", "cookies"])
def test_oversized_headers_are_431_problem_json(stack, header):
    before = error_log(stack)
    status, headers, body = raw(stack, b"GET /de/ HTTP/1.1\r\nHost: localhost\r\n" + header + b"\r\nConnection: close\r\n\r\n")
    assert_raw_problem(status, headers, body, 431)
    assert "[error]" not in error_log(stack)[len(before):]


def test_a_nul_in_json_strings_is_422_through_nginx(stack):
    client = Client(stack)
    login = client.api("POST", "/api/v1/auth/login", {"email": "a\u0000@example.com", "password": "x"})
    assert_problem(login, 422)
    register = client.api("POST", "/api/v1/auth/register", {
        "email": "nul-company@example.com", "password": "correct horse battery staple", "country": "DE",
        "company_name": "ACME\r\nBcc: x", "billing_address": {"city": "Ber\u0000lin"}})
    body = assert_problem(register, 422)
    fields = {error.get("field") or error.get("pointer") for error in body["errors"]}
    assert {"company_name", "billing_address.city"} <= fields or "/billing_address/city" in fields, fields
    assert psql(stack, "SELECT count(*) FROM users WHERE email = 'nul-company@example.com'") == "0"
    buyer = company(stack)
    checkout = buyer.api("POST", "/api/v1/billing/checkout/session", {"product_id": "credits_1\u0000"})
    assert_problem(checkout, 422)
    token = buyer.api("POST", "/api/v1/auth/tokens", {"name": "ci\u0007"})
    assert_problem(token, 422)


def test_a_consent_cookie_with_a_space_cannot_store_a_page_without_the_banner(stack):
    path = "/en/services"
    poisoned = Client(stack).get(Client(stack).url(path + "?poison=1"), headers={"Cookie": "cz_consent =v1:none"})
    assert poisoned.status_code == 200
    assert "data-consent-banner" in poisoned.text  # no decision: the banner is there
    for _ in range(2):
        fresh = Client(stack).get(Client(stack).url(path + "?poison=1"))
        assert fresh.status_code == 200 and "data-consent-banner" in fresh.text
    decided = Client(stack).get(Client(stack).url(path + "?poison=2"), headers={"Cookie": "cz_consent=v1:none"})
    assert decided.status_code == 200 and "data-consent-banner" not in decided.text
    assert decided.headers["Cache-Control"].startswith("private")
    after = Client(stack).get(Client(stack).url(path + "?poison=2"))
    assert "data-consent-banner" in after.text


def test_a_long_query_on_a_portal_page_redirects_to_sign_in_instead_of_502(stack):
    client = Client(stack)
    response = client.get(client.url("/de/checkout/success?session_id=cs_1&pad=" + "%C3%A4" * 1300),
                          allow_redirects=False)
    assert response.status_code == 303, response.text[:300]
    assert response.headers["Location"].startswith("/de/anmelden?next=")
    assert len(response.headers["Location"]) < 4096


def test_api_writes_with_credentials_are_limited_per_address_by_nginx(stack):
    from concurrent.futures import ThreadPoolExecutor
    client = Client(stack)

    def write(_):
        response = client.post(client.url("/api/v1/auth/tokens"), data="{}", timeout=30,
                               headers={"Content-Type": "application/json", "Authorization": "Bearer cz_not_a_token"})
        return response.status_code, response.headers.get("Content-Type", ""), response.headers.get("Retry-After")

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(write, range(450)))
    statuses = [status for status, _, _ in results]
    assert set(statuses) <= {401, 429}, set(statuses)
    limited = [result for result in results if result[0] == 429]
    assert limited, "no 429 after 450 credentialed writes from one address"
    assert all(kind.startswith("application/problem+json") and retry for _, kind, retry in limited)
    # Anonymous POSTs (the quote calculator) are not counted by this zone.
    quote = client.post(client.url("/api/v1/pricing/quote"), timeout=30, json={"package": "assistant_starter", "country": "DE"})
    assert quote.status_code != 429


def test_the_account_write_budget_is_answered_429_with_retry_after(stack):
    buyer = company(stack)
    user = buyer.api("GET", "/api/v1/me").json()["user"]["id"]
    now = int(time.time())
    for start in (now - now % 60, now - now % 60 + 60):
        psql(stack, f"INSERT INTO rate_limit_counts (key, window_start, count) VALUES ('write:user:{user}', {start}, 300)")
    over = buyer.api("POST", "/api/v1/auth/tokens", {"name": "over budget"})
    assert_problem(over, 429)
    assert 1 <= int(over.headers["Retry-After"]) <= 60
    assert psql(stack, f"SELECT count(*) FROM api_tokens WHERE user_id = '{user}'") == "0"


def test_a_database_outage_writes_a_few_error_lines_with_a_count_not_one_per_request(stack):
    def outage_lines() -> list[str]:
        return [line for text in logs_of(stack).values() for line in text.splitlines()
                if "database unavailable" in line]
    before = len(outage_lines())
    stopped = stack.codezero("db", "stop")
    assert stopped.returncode == 0, stopped.stderr
    try:
        client = Client(stack)
        statuses = [client.get(client.url("/api/v1/billing/products"), timeout=30).status_code for _ in range(300)]
        assert statuses.count(503) >= 250, statuses
    finally:
        started = stack.codezero("db", "start")
        assert started.returncode == 0, started.stderr
        stack.remember_processes()
    time.sleep(1)
    lines = outage_lines()[before:]
    # One per worker per 10 s (the stack runs two workers), instead of about 300.
    assert 1 <= len(lines) <= 8, len(lines)
    for _ in range(60):
        if Client(stack).get(Client(stack).url("/api/v1/billing/products"), timeout=30).status_code == 200:
            break
        time.sleep(0.5)


def test_the_stacks_cluster_archives_its_wal_and_db_backup_takes_a_base_backup(stack):
    assert psql(stack, "SHOW archive_mode") == "on"
    psql(stack, "SELECT pg_switch_wal()")
    archive = stack.var / "postgres" / "wal-archive"
    for _ in range(100):
        if archive.is_dir() and any(archive.iterdir()):
            break
        time.sleep(0.1)
    assert archive.is_dir() and any(archive.iterdir()), "no WAL segment archived"
    result = stack.codezero("db", "backup", timeout=300)
    assert result.returncode == 0, result.stderr
    backup = result.stdout.strip()
    assert backup.startswith(str(stack.var / "postgres" / "backups" / "base-"))
    assert (stack.var / "postgres" / "backups" / backup.rsplit("/", 1)[1] / "PG_VERSION").exists()
