"""Privacy end to end (issue 14): the privacy page renders the retention table, the retention job deletes by it in
the running stack, the development stack rotates nginx's logs by it, and the data export works through nginx."""
from __future__ import annotations

import json
import time

from helpers import assert_problem, wait_for
from money_support import Client, company, enqueue_job, await_job, mailed, psql, quoted

DATA_CLASSES = [
    "server_logs", "contact_requests", "support_requests", "consent_records", "sessions", "account_tokens", "invitations",
    "security_counters",
    "webhook_payloads", "sent_mail", "audit_log", "finished_jobs", "account", "invoices", "erasure_records",
]


def test_privacy_page_shows_the_retention_table_in_both_languages(stack):
    client = Client(stack)
    for path, period in (("/de/datenschutz", "14 Tage"), ("/en/privacy", "14 days")):
        response = client.get(client.url(path), timeout=30)
        assert response.status_code == 200
        for data_class in DATA_CLASSES:
            assert f'id="retention-{data_class}"' in response.text, (path, data_class)
        assert period in response.text
        assert "[[period:" not in response.text


def test_the_retention_job_deletes_what_the_table_says(stack):
    fresh = f"fresh-{time.time_ns()}@example.com"
    stale = f"stale-{time.time_ns()}@example.com"
    psql(stack, "INSERT INTO contact_requests (name, company, email, message, language, received_at) VALUES "
                f"('A', 'B', {quoted(stale)}, 'old', 'de', now() - interval '2 years 1 minute'), "
                f"('A', 'B', {quoted(fresh)}, 'new', 'de', now() - interval '2 years' + interval '1 hour')")
    job = enqueue_job(stack, "maintenance.prune")
    assert await_job(stack, job) == "done"
    emails = psql(stack, f"SELECT email FROM contact_requests WHERE email IN ({quoted(fresh)}, {quoted(stale)})")
    assert emails.split() == [fresh]


def test_the_development_stack_rotates_nginx_logs(stack):
    logs = stack.var / "log"
    client = Client(stack)
    assert client.get(client.url("/en/privacy"), timeout=30).status_code == 200
    wait_for(lambda: (logs / "nginx-access.log").exists() and (logs / "nginx-access.log").stat().st_size > 0,
             10, message="access log written")
    # Pretend the current files began yesterday: the next retention run rotates them and nginx reopens.
    (logs / ".rotation-start").write_text(time.strftime("%Y%m%d-%H%M%S", time.gmtime(time.time() - 86_400)))
    job = enqueue_job(stack, "maintenance.prune")
    assert await_job(stack, job) == "done"
    rotated = sorted(logs.glob("nginx-access.log-*"))
    assert rotated, list(logs.iterdir())
    marker = f"/en/privacy?rotation={time.time_ns()}"

    def logged_in_new_file():
        client.get(client.url(marker), timeout=30)
        current = logs / "nginx-access.log"
        return current.exists() and marker in current.read_text()

    wait_for(logged_in_new_file, 15, message="nginx writes a new access log after the rotation")


def test_the_export_through_nginx_is_complete_audited_and_mailed(stack):
    client = company(stack)
    response = client.api("GET", "/api/v1/me/export")
    assert response.status_code == 200, response.text
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert response.headers["Cache-Control"] == "no-store"
    document = response.json()
    assert document["format"] == "codezero-export-1"
    assert document["user"]["email"] == client.email
    assert document["company"]["name"] == client.company["name"]
    assert document["sessions"] and all("id" not in s for s in document["sessions"])
    assert "password_hash" not in response.text
    assert [rule["data_class"] for rule in document["retention"]] == DATA_CLASSES
    message = mailed(stack, "data-export", client.email)
    assert "Datenauskunft" in message["Subject"] or "data export" in message["Subject"]
    audited = psql(stack, "SELECT count(*) FROM audit_log a JOIN users u ON u.id = a.actor_user_id "
                          f"WHERE a.action = 'privacy.export' AND u.email = {quoted(client.email)}")
    assert audited == "1"


def test_the_export_needs_a_sign_in(stack):
    response = Client(stack).api("GET", "/api/v1/me/export")
    assert_problem(response, 401)


def test_erasure_through_nginx_ends_the_account(stack):
    client = company(stack)
    wrong = client.api("POST", "/api/v1/me/erase", {"password": "not the password"})
    assert_problem(wrong, 422)
    response = client.api("POST", "/api/v1/me/erase", {"password": client.password})
    assert response.status_code == 200, response.text
    assert response.json()["erasure_id"]
    assert psql(stack, f"SELECT count(*) FROM users WHERE lower(email) = lower({quoted(client.email)})") == "0"
    assert psql(stack, f"SELECT count(*) FROM mail_outbox WHERE lower(recipient) = lower({quoted(client.email)})") == "0"
    again = Client(stack)
    assert_problem(again.login(client.email, client.password), 401)
