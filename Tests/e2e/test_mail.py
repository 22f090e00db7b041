"""E-mail end to end (issue 12): the stack delivers through nginx-driven flows to a real SMTP server (aiosmtpd on a
free loopback port, STARTTLS with a test certificate, AUTH), and the mails are parsed with Python's `email` package."""
from __future__ import annotations

import email
import email.policy
import json
import os
import re
import signal
import subprocess
import time
from pathlib import Path

import pytest
import requests

from conftest import make_var
from helpers import wait_for
from money_support import Client, ConfiguredStack, psql, quoted, unique_email
from stack import ROOT, codezero_binary, free_port

SMTP_USER = "mailer"
SMTP_PASSWORD = "smtp-Secret-2f9c1e"
MAILTOOLS = ROOT / "var" / "mailtools" / "bin" / "python"


class SMTPServer:
    """The aiosmtpd process and what it received."""

    def __init__(self, folder: Path, port: int, cert: Path, key: Path):
        self.folder, self.port, self.cert, self.key = folder, port, cert, key
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        if not MAILTOOLS.exists():
            raise RuntimeError("the test SMTP server is missing: run scripts/mail-tools.sh --install (make deps)")
        self.process = subprocess.Popen(
            [str(MAILTOOLS), str(ROOT / "Tests/e2e/smtp_server.py"), str(self.port), str(self.folder),
             str(self.cert), str(self.key), SMTP_USER, SMTP_PASSWORD],
            stdout=subprocess.PIPE, stderr=open(self.folder.parent / "smtp-server.log", "ab"), text=True)
        assert self.process.stdout.readline().strip() == "ready"

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            self.process.wait(timeout=10)
        self.process = None

    def received(self) -> list[dict]:
        log = self.folder / "log.jsonl"
        return [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []

    def messages_to(self, address: str) -> list[tuple[dict, bytes]]:
        return [(entry, (self.folder / entry["file"]).read_bytes()) for entry in self.received()
                if address.lower() in [r.lower() for r in entry["rcpt_tos"]]]

    def wait_for_mail(self, address: str, subject_part: str = "", timeout: float = 60):
        def find():
            for entry, raw in reversed(self.messages_to(address)):
                message = email.message_from_bytes(raw, policy=email.policy.default)
                if subject_part in str(message["Subject"]):
                    return entry, raw, message
            return None
        return wait_for(find, timeout=timeout, message=f"a mail to {address} ({subject_part})")


def start_jobs(stack, name: str) -> subprocess.Popen:
    return subprocess.Popen([codezero_binary(), "jobs"], cwd=ROOT, env=stack.env, stdin=subprocess.DEVNULL,
                            stdout=open(stack.var / name, "wb"), stderr=subprocess.STDOUT)


@pytest.fixture(scope="module")
def mail_stack():
    var = make_var("cz-e2e-mail-")
    smtp_dir = var.parent / f"{var.name}-smtp"
    smtp_dir.mkdir()
    cert, key = smtp_dir / "cert.pem", smtp_dir / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj",
                    "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    port = free_port()
    server = SMTPServer(smtp_dir / "inbox", port, cert, key)
    (smtp_dir / "inbox").mkdir()
    server.start()
    stack = ConfiguredStack(var=var, extra_env={
        "CODEZERO_JOBS": "0", "CODEZERO_JOB_LEASE": "5",
        "CODEZERO_SMTP_URL": f"smtp://{SMTP_USER}:{SMTP_PASSWORD}@127.0.0.1:{port}",
        "CODEZERO_SMTP_CA_FILE": str(cert),
        "CODEZERO_MAIL_FROM": "Code Zero Büro <noreply@codezero.example>",
        "CODEZERO_LEADS_TO": "vertrieb@codezero.example",
    })
    jobs = None
    try:
        stack.start()
        jobs = start_jobs(stack, "jobs-1.log")
        stack.jobs = jobs
        stack.smtp = server
        yield stack
    finally:
        for process in (getattr(stack, "jobs", None), jobs):
            if process is not None and process.poll() is None:
                process.send_signal(signal.SIGTERM)
                process.wait(timeout=30)
        stack.stop(check=False)
        server.stop()


def mail_row(stack, sql_where: str) -> list[str]:
    return psql(stack, f"SELECT status || '|' || coalesce(last_reply, '') FROM mail_outbox WHERE {sql_where} "
                       "ORDER BY id").splitlines()


def text_part(message) -> str:
    return message.get_body(("plain",)).get_content()


def token_of(message) -> str:
    match = re.search(r"[?&]token=([A-Za-z0-9_-]+)", text_part(message))
    assert match, text_part(message)
    return match.group(1)


def test_registration_verification_and_reset_through_smtp(mail_stack):
    stack, smtp = mail_stack, mail_stack.smtp
    owner = Client(stack)
    assert owner.register("DE", name="Müller & Söhne <Technik> GmbH").status_code == 201
    entry, raw, message = smtp.wait_for_mail(owner.email, "E-Mail-Adresse")
    # Delivered over STARTTLS with AUTH, from the configured sender, as one parsed multipart mail.
    assert entry["tls"] and entry["auth"] == SMTP_USER and entry["mail_from"] == "noreply@codezero.example"
    assert message["Subject"] == "Bitte bestätigen Sie Ihre E-Mail-Adresse"
    assert message["From"].addresses[0].display_name == "Code Zero Büro"
    assert re.fullmatch(r"<mail-\d+\.[0-9a-f]+@codezero\.example>", str(message["Message-ID"]))
    assert message.get_content_type() == "multipart/alternative"
    html = message.get_body(("html",)).get_content()
    assert "Müller &amp; Söhne &lt;Technik&gt; GmbH" in html and "<img" not in html and "http://" not in html
    assert "Müller & Söhne <Technik> GmbH" in text_part(message)
    assert all(len(line) <= 78 for line in raw.split(b"\r\n")), "folded, encoded lines"
    assert b"\n" not in raw.replace(b"\r\n", b"")

    # Buying waits for the confirmation; the link confirms once.
    refused = owner.api("POST", "/api/v1/billing/checkout/session", {"product_id": "credits_1"})
    assert refused.status_code == 409 and refused.json()["type"].endswith("/email-unverified")
    token = token_of(message)
    # The mailed link opens the portal page that posts the token (never cached: the token is in the URL).
    link = re.search(r"https://\S+\?token=\S+", text_part(message)).group(0)
    assert link.startswith(f"https://localhost:{stack.https_port}/de/email-bestaetigen?token=")
    page = Client(stack).get(link.replace("https://localhost", "https://127.0.0.1"))
    assert page.status_code == 200 and f'name="token" value="{token}"' in page.text
    assert "no-store" in page.headers.get("Cache-Control", "")
    assert owner.api("POST", "/api/v1/auth/verify-email", {"token": token}).status_code == 204
    assert owner.api("POST", "/api/v1/auth/verify-email", {"token": token}).status_code == 422

    # Password reset: the same answer for an unknown address, a mail for the known one.
    other_session = Client(stack)
    assert other_session.login(owner.email, owner.password).status_code == 200
    anonymous = Client(stack)
    known = anonymous.api("POST", "/api/v1/auth/password-reset", {"email": owner.email})
    unknown = anonymous.api("POST", "/api/v1/auth/password-reset", {"email": unique_email("nobody")})
    assert known.status_code == unknown.status_code == 202 and known.json() == unknown.json()
    _, _, reset = smtp.wait_for_mail(owner.email, "Passwort")
    reset_token = token_of(reset)
    new_password = "ein ganz neues Passwort 42"
    confirm = anonymous.api("POST", "/api/v1/auth/password-reset/confirm",
                            {"token": reset_token, "password": new_password})
    assert confirm.status_code == 204, confirm.text
    assert owner.api("GET", "/api/v1/me").status_code == 401
    assert other_session.api("GET", "/api/v1/me").status_code == 401
    again = anonymous.api("POST", "/api/v1/auth/password-reset/confirm",
                          {"token": reset_token, "password": "noch ein anderes Passwort"})
    assert again.status_code == 422
    assert Client(stack).login(owner.email, new_password).status_code == 200
    assert Client(stack).login(owner.email, owner.password).status_code == 401

    # No secret in any log line: not the SMTP password, not a token.
    logs = "".join(path.read_text(errors="replace") for path in stack.var.rglob("*.log"))
    logs += stack.log() + "".join(p.read_text(errors="replace") for p in stack.var.glob("jobs-*.log"))
    for secret in (SMTP_PASSWORD, token, reset_token):
        assert secret not in logs


def buy_credits(client: Client) -> dict:
    started = client.api("POST", "/api/v1/billing/checkout/session", {"product_id": "credits_5"})
    assert started.status_code == 201, started.text
    body = started.json()
    done = client.api("POST", "/api/v1/billing/checkout/complete", {"session_id": body["session_id"]})
    assert done.ok, done.text
    return body


def verified_company(stack) -> Client:
    client = Client(stack)
    assert client.register("DE", name="Jörg Äpfel GmbH").status_code == 201
    _, _, message = stack.smtp.wait_for_mail(client.email, "E-Mail-Adresse")
    assert client.api("POST", "/api/v1/auth/verify-email", {"token": token_of(message)}).status_code == 204
    return client


def test_a_purchase_while_smtp_is_down_succeeds_and_the_confirmation_arrives_later(mail_stack):
    stack, smtp = mail_stack, mail_stack.smtp
    buyer = verified_company(stack)
    smtp.stop()
    try:
        bought = buy_credits(buyer)
        assert buyer.api("GET", f"/api/v1/billing/purchases/{bought['purchase_id']}").json()["status"] == "PAID"
        wait_for(lambda: psql(stack, "SELECT count(*) FROM jobs WHERE kind = 'mail.send' AND attempts >= 1 AND "
                                     "state = 'queued' AND last_error IS NOT NULL") != "0",
                 timeout=60, message="a failed delivery attempt waiting for its retry")
        assert mail_row(stack, f"template = 'order-confirmation' AND recipient = {quoted(buyer.email)}")[0] \
            .startswith("QUEUED|")
    finally:
        smtp.start()
    _, raw, message = smtp.wait_for_mail(buyer.email, "Bestellbestätigung", timeout=120)
    assert "Jörg Äpfel GmbH" in str(message["To"])
    text = text_part(message)
    assert "Credit-Paket mit 5 Credits" in text and "Bezahlt:" in text and "/de/agb" in text
    assert "Vertrag" in text
    wait_for(lambda: mail_row(stack, f"template = 'order-confirmation' AND recipient = {quoted(buyer.email)}")[0]
             .startswith("SENT|250"), timeout=30, message="the row marked SENT")


def test_550_fails_with_the_reply_kept_and_451_is_retried(mail_stack):
    stack, smtp = mail_stack, mail_stack.smtp
    rejected = Client(stack)
    assert rejected.register("DE", email=f"reject-{unique_email()}").status_code == 201
    wait_for(lambda: (mail_row(stack, f"recipient = {quoted(rejected.email)}") or [""])[0].startswith("FAILED|"),
             timeout=60, message="the 550 mail FAILED")
    row = mail_row(stack, f"recipient = {quoted(rejected.email)}")[0]
    assert "550" in row and "no such user" in row
    metrics = requests.get(stack.https + "/metrics", verify=stack.cert, timeout=30)  # from 127.0.0.1
    assert 'codezero_mail_outbox{status="FAILED"}' in metrics.text
    assert "no such user here" in metrics.text
    incident = psql(stack, "SELECT count(*) FROM incidents WHERE kind = 'mail.failed' AND detail LIKE '%550%'")
    assert int(incident) >= 1

    greylisted = Client(stack)
    assert greylisted.register("DE", email=f"greylist-{unique_email()}").status_code == 201
    smtp.wait_for_mail(greylisted.email, "E-Mail-Adresse", timeout=90)
    wait_for(lambda: mail_row(stack, f"recipient = {quoted(greylisted.email)}")[0].startswith("SENT|"),
             timeout=30, message="the greylisted mail SENT")
    attempts = psql(stack, "SELECT attempts FROM jobs WHERE kind = 'mail.send' AND payload->>'mail_id' = "
                           f"(SELECT id::text FROM mail_outbox WHERE recipient = {quoted(greylisted.email)})")
    assert int(attempts) == 2


def test_a_jobs_process_killed_after_the_server_accepted_resends_the_same_message_at_most_once(mail_stack):
    stack, smtp = mail_stack, mail_stack.smtp
    slow = Client(stack)
    assert slow.register("DE", email=f"slowack-{unique_email()}").status_code == 201
    wait_for(lambda: smtp.messages_to(slow.email), timeout=60, message="the server storing the message")
    os.kill(stack.jobs.pid, signal.SIGKILL)
    stack.jobs.wait(timeout=10)
    assert mail_row(stack, f"recipient = {quoted(slow.email)}")[0].startswith("QUEUED|")
    stack.jobs = start_jobs(stack, "jobs-2.log")
    wait_for(lambda: mail_row(stack, f"recipient = {quoted(slow.email)}")[0].startswith("SENT|"), timeout=90,
             message="the mail re-sent after the lease and marked SENT")
    copies = smtp.messages_to(slow.email)
    assert len(copies) == 2, "delivered once more, not more"
    assert copies[0][0]["message_id"] == copies[1][0]["message_id"]
    assert copies[0][1] == copies[1][1], "the same bytes, never a different mail"


def test_the_contact_form_notifies_the_operator_and_injection_never_splits_a_header(mail_stack):
    stack, smtp = mail_stack, mail_stack.smtp
    client = Client(stack)
    assert client.get(stack.https + "/de/kontakt").status_code == 200
    token = client.cookies.get("__Host-codezero_form")
    lead_email = unique_email("lead")
    message_text = "Hallo,\r\nBcc: someone@example.com\r\n\r\nwir brauchen Hilfe."
    response = client.post(stack.https + "/de/kontakt", allow_redirects=False,
                           data={"csrf_token": token, "name": "Jörg Ärger\r\nBcc: victim@example.com",
                                 "company": "Evil\nX-Injected: 1", "email": lead_email, "phone": "",
                                 "message": message_text, "website": ""})
    # Control characters in one-line fields are refused (and nothing is stored or sent); a clean lead works.
    assert response.status_code in (400, 422), response.status_code
    response = client.post(stack.https + "/de/kontakt", allow_redirects=False,
                           data={"csrf_token": token, "name": "Jörg Ärger", "company": "Äpfel & Birnen",
                                 "email": lead_email, "phone": "", "message": message_text, "website": ""})
    assert response.status_code == 303, response.text
    entry, raw, message = smtp.wait_for_mail("vertrieb@codezero.example", "Kontaktformular")
    head = raw.split(b"\r\n\r\n", 1)[0]
    assert b"\r\nBcc:" not in head and b"\r\nX-Injected:" not in head
    assert entry["rcpt_tos"] == ["vertrieb@codezero.example"]
    assert message["Reply-To"].addresses[0].addr_spec == lead_email
    assert "wir brauchen Hilfe." in text_part(message)
