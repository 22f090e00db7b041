"""The company's team end to end (issue #14 item 4, issue #12 "team invitation"): through nginx with the real SMTP
server (aiosmtpd, STARTTLS, AUTH — the same fixture as test_mail.py). The owner invites on the portal's team page,
the mail arrives (parsed with `email`: DE and EN, multipart, the link present), the link's page is accepted in the
portal, the new member signs in and sees the company's data; a used or expired link, a non-owner's invitation and
bad input are refused clearly; removing a member ends their session at once; no token in any log line."""
from __future__ import annotations

import re

from money_support import Client, form_token, psql, quoted, unique_email
from test_mail import mail_stack, text_part, token_of  # noqa: F401  (the module-scoped SMTP stack fixture)

TEAM = {"de": "/de/konto/team", "en": "/en/account/team"}
INVITATION = {"de": "/de/portal/einladung", "en": "/en/portal/invitation"}


def owner_of(stack, name: str) -> Client:
    owner = Client(stack)
    assert owner.register("DE", name=name).status_code == 201
    return owner


def invite_on_the_page(owner: Client, language: str, email: str):
    page = owner.get(owner.url(TEAM[language]))
    assert page.status_code == 200 and 'name="email"' in page.text
    return owner.post(owner.url(TEAM[language]), allow_redirects=False,
                      data={"csrf_token": form_token(page.text), "email": email})


def link_of(stack, message) -> str:
    link = re.search(r"https://\S+\?token=[A-Za-z0-9_-]+", text_part(message)).group(0)
    assert link.startswith(f"https://localhost:{stack.https_port}/")
    return link.replace("https://localhost", "https://127.0.0.1")


def accept(visitor: Client, link: str, password: str):
    page = visitor.get(link)
    token = link.split("token=", 1)[1]
    return page, visitor.post(link.split("?", 1)[0], allow_redirects=False,
                              data={"csrf_token": form_token(page.text), "token": token, "password": password})


def test_an_invited_colleague_joins_through_the_mailed_link_once(mail_stack):
    stack, smtp = mail_stack, mail_stack.smtp
    owner = owner_of(stack, "Team Müller & Söhne GmbH")
    colleague = unique_email("kollegin")

    # Bad input on the page: shown in the page's language, nothing stored.
    malformed = invite_on_the_page(owner, "de", "kein-at")
    assert malformed.status_code == 422 and "gültige E-Mail-Adresse" in malformed.text
    page = owner.get(owner.url(TEAM["en"]))
    forged = owner.post(owner.url(TEAM["en"]), allow_redirects=False, data={"csrf_token": "x" * 32, "email": colleague})
    assert forged.status_code == 403
    assert psql(stack, f"SELECT count(*) FROM company_invitations WHERE email = {quoted(colleague)}") == "0"

    invited = invite_on_the_page(owner, "de", colleague)
    assert invited.status_code == 200 and "Die Einladung ist unterwegs" in invited.text
    assert colleague in invited.text, "the pending invitation is listed"
    entry, raw, message = smtp.wait_for_mail(colleague, "Einladung")
    assert entry["tls"] and message.get_content_type() == "multipart/alternative"
    assert message["Subject"] == "Einladung in das Team von Team Müller & Söhne GmbH"
    assert owner.email in text_part(message) and "7 Tage" in text_part(message)
    html = message.get_body(("html",)).get_content()
    assert "Team Müller &amp; Söhne GmbH" in html and "/de/portal/einladung?token=" in html and "<img" not in html
    link = link_of(stack, message)
    assert "/de/portal/einladung?token=" in link
    token = token_of(message)
    # Only the token's hash is stored, and the sent mail no longer holds the link.
    assert psql(stack, f"SELECT count(*) FROM company_invitations WHERE token_hash = sha256({quoted(token)}::bytea)") == "1"
    assert psql(stack, "SELECT count(*) FROM mail_outbox WHERE template = 'team-invitation' AND status = 'SENT' "
                       f"AND recipient = {quoted(colleague)} AND message IS NULL") == "1"

    # The link's page names the company and the inviter; a wrong form token or a weak password join nothing.
    visitor = Client(stack)
    shown = visitor.get(link)
    assert shown.status_code == 200 and "Team Müller &amp; Söhne GmbH" in shown.text and owner.email in shown.text
    assert "no-store" in shown.headers.get("Cache-Control", "")
    wrong_csrf = visitor.post(link.split("?", 1)[0], allow_redirects=False,
                              data={"csrf_token": "x" * 32, "token": token, "password": "Kollegin Passwort 1"})
    assert wrong_csrf.status_code == 403
    _, weak = accept(visitor, link, "kurz")
    assert weak.status_code == 422
    assert psql(stack, f"SELECT count(*) FROM users WHERE email = {quoted(colleague)}") == "0"

    # The visitor's browser was signed in as somebody else: that session ends when the invitation is accepted.
    stranger = Client(stack)
    assert stranger.register("DE", name="Fremde GmbH").status_code == 201
    visitor.cookies.update(stranger.cookies)
    _, joined = accept(visitor, link, "Kollegin Passwort 1")
    assert stranger.api("GET", "/api/v1/me").status_code == 401
    assert joined.status_code == 303 and joined.headers["Location"] == TEAM["de"], joined.text[:300]
    team = visitor.get(visitor.url(TEAM["de"]))
    assert team.status_code == 200 and owner.email in team.text and colleague in team.text
    assert 'name="email"' not in team.text and "Nur der Inhaber" in team.text, "read-only for members"

    # The new member signs in with the password and sees the company's data.
    member = Client(stack)
    assert member.login(colleague, "Kollegin Passwort 1").status_code == 200
    assert member.api("GET", "/api/v1/me").json()["company"]["name"] == "Team Müller & Söhne GmbH"
    members = member.api("GET", "/api/v1/company/members").json()["members"]
    assert [(m["email"], m["is_owner"]) for m in members] == [(owner.email, True), (colleague, False)]
    assert member.api("GET", "/api/v1/company/billing-profile").json()["legal_name"] == "Team Müller & Söhne GmbH"
    # Not the owner: no invitations.
    refused = member.api("POST", "/api/v1/company/invitations", {"email": unique_email("dritte")})
    assert refused.status_code == 403 and refused.headers["Content-Type"].startswith("application/problem+json")

    # The link again: a clear page, nothing written.
    _, reused = accept(Client(stack), link, "noch ein Passwort 2")
    assert reused.status_code == 410 and "bereits angenommen" in reused.text
    assert psql(stack, "SELECT count(*) FROM memberships m JOIN users u ON u.id = m.user_id "
                       f"WHERE u.email = {quoted(colleague)}") == "1"
    # Without a token, or with an unknown one: a clear page too.
    assert Client(stack).get(Client(stack).url(INVITATION["en"])).status_code == 404
    unknown = Client(stack).get(Client(stack).url(INVITATION["en"] + "?token=unknown"))
    assert unknown.status_code == 404 and "We do not know this invitation link" in unknown.text

    # An address that is a member already: 409 naming the field.
    again = owner.api("POST", "/api/v1/company/invitations", {"email": colleague.upper()})
    assert again.status_code == 409 and again.json()["errors"][0]["field"] == "email"

    # Removing the member on the page ends their sessions at once.
    member_id = next(m["user_id"] for m in members if m["email"] == colleague)
    page = owner.get(owner.url(TEAM["en"]))
    removed = owner.post(owner.url(TEAM["en"]), allow_redirects=False,
                         data={"csrf_token": form_token(page.text), "remove": member_id})
    assert removed.status_code == 200 and "The member is removed" in removed.text
    assert member.api("GET", "/api/v1/me").status_code == 401
    assert visitor.get(visitor.url(TEAM["de"]), allow_redirects=False).status_code == 303
    assert Client(stack).login(colleague, "Kollegin Passwort 1").status_code == 401

    # No token in any log line.
    logs = "".join(path.read_text(errors="replace") for path in stack.var.rglob("*.log"))
    logs += stack.log() + "".join(p.read_text(errors="replace") for p in stack.var.glob("jobs-*.log"))
    assert token not in logs


def test_an_english_invitation_expires_and_bad_input_is_refused(mail_stack):
    stack, smtp = mail_stack, mail_stack.smtp
    owner = owner_of(stack, "Expiry Ltd")
    colleague = unique_email("colleague")
    for body, field in (({"email": "not-an-address"}, "email"), ({"email": colleague, "role": "admin"}, "role"),
                        ({"email": colleague, "language": "fr"}, "language"), ({}, "email")):
        bad = owner.api("POST", "/api/v1/company/invitations", body)
        assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == field, (body, bad.text)
    assert owner.api("POST", "/api/v1/company/invitations", {"email": colleague}, csrf=False).status_code == 403
    assert psql(stack, f"SELECT count(*) FROM company_invitations WHERE email = {quoted(colleague)}") == "0"

    created = owner.api("POST", "/api/v1/company/invitations", {"email": colleague, "language": "en"})
    assert created.status_code == 201, created.text
    assert created.json()["email"] == colleague and "token" not in created.json()
    _, _, message = smtp.wait_for_mail(colleague, "Invitation")
    assert message["Subject"] == "Invitation to join the team of Expiry Ltd"
    assert "valid for 7 days" in text_part(message)
    link = link_of(stack, message)
    assert "/en/portal/invitation?token=" in link
    # Seven days pass (set in SQL): the page says so, and accepting writes nothing.
    psql(stack, "UPDATE company_invitations SET created_at = created_at - interval '8 days', "
                f"expires_at = now() - interval '1 day' WHERE email = {quoted(colleague)}")
    visitor = Client(stack)
    expired = visitor.get(link)
    assert expired.status_code == 410 and "This invitation has expired" in expired.text
    assert 'name="password"' not in expired.text
    token = link.split("token=", 1)[1]
    posted = visitor.post(link.split("?", 1)[0], allow_redirects=False,
                          data={"csrf_token": form_token(expired.text), "token": token, "password": "Colleague pw 123"})
    assert posted.status_code == 410
    assert psql(stack, f"SELECT count(*) FROM users WHERE email = {quoted(colleague)}") == "0"
    assert owner.api("GET", "/api/v1/company/invitations").json()["invitations"] == []

    # A revoked invitation's link stops working.
    second = unique_email("revoked")
    revocable = owner.api("POST", "/api/v1/company/invitations", {"email": second, "language": "en"}).json()
    _, _, revoked_mail = smtp.wait_for_mail(second, "Invitation")
    assert owner.api("DELETE", f"/api/v1/company/invitations/{revocable['id']}").status_code == 204
    revoked = Client(stack).get(link_of(stack, revoked_mail))
    assert revoked.status_code == 410 and "revoked" in revoked.text
    audited = psql(stack, "SELECT string_agg(action, ',' ORDER BY id) FROM audit_log WHERE action LIKE 'team.%' "
                          f"AND company_id = {quoted(owner.company['id'])}::uuid")
    assert audited == "team.invite,team.invite,team.invitation_revoke"
