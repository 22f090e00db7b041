"""A real SMTP server for the mail end-to-end tests (aiosmtpd; run with var/mailtools/bin/python).

STARTTLS is required before MAIL, AUTH (PLAIN/LOGIN) is required and only over TLS. Every accepted message is
written to <folder>/<n>.eml with a line in <folder>/log.jsonl (envelope, Message-ID, AUTH user, TLS). Recipients
choose the behaviour by their local part: `reject…` → 550 at RCPT; `greylist…` → 451 the first time;
`slowack…` → the message is stored, then the 250 is delayed 30 s (the first time per Message-ID), so a test can
kill the client between the server's acceptance and the client's bookkeeping.

usage: smtp_server.py PORT FOLDER CERT KEY USER PASSWORD
"""
import asyncio
import email
import email.policy
import json
import ssl
import sys
import threading
import time
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

port, folder, cert, key, user, password = int(sys.argv[1]), Path(sys.argv[2]), *sys.argv[3:7]
folder.mkdir(parents=True, exist_ok=True)
lock = threading.Lock()
greylisted: set[str] = set()
delayed: set[str] = set()


def authenticator(server, session, envelope, mechanism, auth_data):
    if isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user and \
            auth_data.password.decode() == password:
        return AuthResult(success=True, auth_data=auth_data.login.decode())
    return AuthResult(success=False, handled=False)


def auth_user(session) -> str | None:
    if not getattr(session, "authenticated", False):
        return None
    data = getattr(session, "auth_data", None)
    return data.login.decode() if isinstance(data, LoginPassword) else data


class Handler:
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@")[0].lower()
        if local.startswith("reject"):
            return "550 5.1.1 <%s>: mailbox unavailable, no such user here" % address
        if local.startswith("greylist") and address not in greylisted:
            greylisted.add(address)
            return "451 4.7.1 greylisted, please try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        content = envelope.original_content
        message = email.message_from_bytes(content, policy=email.policy.default)
        message_id = str(message["Message-ID"])
        with lock:
            number = len(list(folder.glob("*.eml"))) + 1
            (folder / f"{number:05d}.tmp").write_bytes(content)
            (folder / f"{number:05d}.tmp").rename(folder / f"{number:05d}.eml")
            with open(folder / "log.jsonl", "a") as log:
                log.write(json.dumps({
                    "file": f"{number:05d}.eml", "mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos,
                    "message_id": message_id, "auth": auth_user(session),
                    "tls": session.ssl is not None, "at": time.time(),
                }) + "\n")
        if any(r.split("@")[0].lower().startswith("slowack") for r in envelope.rcpt_tos) and \
                message_id not in delayed:
            delayed.add(message_id)
            await asyncio.sleep(30)
        return "250 2.0.0 Message accepted for delivery"


context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
context.load_cert_chain(cert, key)


class Server(Controller):
    def factory(self):
        return SMTP(self.handler, require_starttls=True, tls_context=context, authenticator=authenticator,
                    auth_required=True, auth_require_tls=True, hostname="mail.test")


controller = Server(Handler(), hostname="127.0.0.1", port=port)
controller.start()
print("ready", flush=True)
try:
    while True:
        time.sleep(3600)
except KeyboardInterrupt:
    pass
finally:
    controller.stop()
