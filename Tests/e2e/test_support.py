"""Support messages end to end (issue 13 item 7), through nginx with the real SMTP server of test_mail.py: a client
opens a request about its invoice from the portal, the operator's mail arrives, an admin with a second factor answers
on the back-office page, the client's mail arrives in the client's language, and the client sees the thread in the
portal; another company's client gets 404; bad input on every form and route writes nothing."""
from __future__ import annotations

import re

from helpers import assert_problem, enrol_second_factor
from money_support import company, psql
from test_incidents import staff
from test_mail import mail_stack, text_part  # noqa: F401 (the module's stack with the SMTP server)

OPERATOR = "vertrieb@codezero.example"


def count(stack, table: str) -> int:
    return int(psql(stack, f"SELECT count(*) FROM {table}"))


def paid_invoice(client) -> str:
    started = client.api("POST", "/api/v1/billing/checkout/session", {"product_id": "credits_5"})
    assert started.status_code == 201, started.text
    done = client.api("POST", "/api/v1/billing/checkout/complete", {"session_id": started.json()["session_id"]})
    assert done.json()["status"] == "PAID", done.text
    return client.api("GET", "/api/v1/invoices").json()["invoices"][0]["id"]


def test_a_question_about_an_invoice_is_answered_by_staff_and_both_are_mailed(mail_stack):
    stack, smtp = mail_stack, mail_stack.smtp
    anna, bert = company(stack), company(stack)
    invoice = paid_invoice(anna)

    # The invoices page links to a question about each invoice; the form preselects it.
    invoices = anna.get(anna.url("/en/portal/invoices"))
    link = f"/en/account/support?invoice={invoice}"
    assert link in invoices.text and "Question about this invoice" in invoices.text
    form = anna.get(anna.url(link))
    assert form.status_code == 200 and 'noindex' in form.text
    assert "no-store" in form.headers["Cache-Control"]
    assert re.search(rf'<option value="invoice:{invoice}" selected>', form.text), form.text

    # Bad input: nothing is written.
    before = count(stack, "support_requests")
    for fields, status in (
        ({"subject": "", "message": "Text", "reference": ""}, 422),
        ({"subject": "x" * 201, "message": "Text", "reference": ""}, 422),
        ({"subject": "Frage", "message": "   ", "reference": ""}, 422),
        ({"subject": "Frage", "message": "x" * 10_001, "reference": ""}, 422),
        ({"subject": "Frage", "message": "Text", "reference": "invoice:00000000-0000-4000-8000-000000000000"}, 422),
        ({"subject": "Frage", "message": "Text", "reference": "bogus"}, 422),
        # A line break in the one-line subject is refused before the form is read (the CSRF check reads it).
        ({"subject": "Zeile\neins", "message": "Text", "reference": ""}, (400, 403)),
    ):
        response = anna.post(anna.url("/en/account/support"), data={"csrf_token": anna.csrf, **fields},
                             allow_redirects=False)
        assert response.status_code in (status if isinstance(status, tuple) else (status,)), (fields, response)
    refused = anna.post(anna.url("/en/account/support"), data={"subject": "Frage", "message": "Text"},
                        allow_redirects=False)
    assert refused.status_code == 403, "no CSRF token"
    assert count(stack, "support_requests") == before

    # The client opens the request in English.
    opened = anna.post(anna.url("/en/account/support"), data={
        "csrf_token": anna.csrf, "subject": "Question about invoice", "reference": f"invoice:{invoice}",
        "message": "Hello,\nis the amount right?"})
    assert opened.status_code == 200 and "/en/account/support/request?id=" in opened.url, opened.url
    request_id = opened.url.split("id=")[1]
    assert "is the amount right?" in opened.text and "open" in opened.text

    # The operator's mail arrives (German, multipart, with a link to the back office, no client address).
    _, _, message = smtp.wait_for_mail(OPERATOR, "Neue Supportanfrage")
    assert message.get_content_type() == "multipart/alternative"
    assert "is the amount right?" in text_part(message)
    assert f"/admin/de/support/{request_id}" in text_part(message)
    assert message["Reply-To"] is None

    # Another company's client sees nothing of it.
    assert bert.get(bert.url(f"/en/account/support/request?id={request_id}")).status_code == 404
    assert_problem(bert.api("GET", f"/api/v1/support/requests/{request_id}"), 404)
    assert bert.post(bert.url("/en/account/support/request"), data={
        "csrf_token": bert.csrf, "id": request_id, "message": "Hijack"}).status_code == 404
    assert "Question about invoice" not in bert.get(bert.url("/en/account/support")).text
    assert count(stack, "support_messages WHERE body = 'Hijack'") == 0

    # An admin with a second factor answers on the back-office page.
    admin = staff(stack, "admin")
    enrol_second_factor(admin)
    listed = admin.get(admin.url("/admin/de/support?status=OPEN"))
    assert listed.status_code == 200 and "Question about invoice" in listed.text
    assert re.search(r"Support \(\d+\)", listed.text), "the navigation counts open requests"
    thread = admin.get(admin.url(f"/admin/de/support/{request_id}"))
    assert "is the amount right?" in thread.text and anna.email in thread.text
    empty = admin.post(admin.url(f"/admin/de/support/{request_id}/messages"),
                       data={"csrf_token": admin.csrf, "message": " "}, allow_redirects=False)
    assert empty.status_code == 422 and "Bitte ausfüllen." in empty.text
    assert admin.post(admin.url(f"/admin/de/support/{request_id}/messages"),
                      data={"message": "no token"}, allow_redirects=False).status_code == 403
    assert count(stack, f"support_messages WHERE request_id = '{request_id}'") == 1
    answered = admin.post(admin.url(f"/admin/de/support/{request_id}/messages"),
                          data={"csrf_token": admin.csrf, "message": "Yes, the amount is right."},
                          allow_redirects=False)
    assert answered.status_code == 303, answered.text
    assert psql(stack, f"SELECT status FROM support_requests WHERE id = '{request_id}'") == "ANSWERED"
    assert psql(stack, "SELECT count(*) FROM audit_log WHERE action = 'admin.support.answer' "
                       f"AND target = '{request_id}' AND details ? 'request_id'") == "1"

    # The client's mail arrives in English; the portal shows the thread.
    _, _, answer = smtp.wait_for_mail(anna.email, "Answer to your support request")
    assert answer.get_content_type() == "multipart/alternative"
    assert "Yes, the amount is right." in text_part(answer)
    assert f"/en/account/support/request?id={request_id}" in text_part(answer)
    seen = anna.get(anna.url(f"/en/account/support/request?id={request_id}"))
    assert "Yes, the amount is right." in seen.text and "Code Zero support" in seen.text
    assert admin.email not in seen.text, "clients do not see staff addresses"

    # The client closes; a new message reopens it and mails the operator again.
    closed = anna.post(anna.url("/en/account/support/request"),
                       data={"csrf_token": anna.csrf, "id": request_id, "close": "1"})
    assert closed.status_code == 200 and "closed" in closed.text
    assert admin.post(admin.url(f"/admin/de/support/{request_id}/messages"),
                      data={"csrf_token": admin.csrf, "message": "Late"}, allow_redirects=False).status_code == 409
    anna.post(anna.url("/en/account/support/request"),
              data={"csrf_token": anna.csrf, "id": request_id, "message": "One more thing"})
    assert psql(stack, f"SELECT status FROM support_requests WHERE id = '{request_id}'") == "OPEN"
    smtp.wait_for_mail(OPERATOR, "wieder geöffnet")

    # Clients are not staff.
    assert anna.get(anna.url("/admin/de/support"), allow_redirects=False).status_code == 403
    assert_problem(anna.api("GET", "/api/v1/admin/support/requests"), 403)
