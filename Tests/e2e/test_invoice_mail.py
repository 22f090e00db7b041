"""The payment receipt through the real stack (issues #10 and #12): a paid credit pack's invoice is rendered by
the jobs process and mailed to the buyer with the Factur-X PDF and the XRechnung XML attached — the same bytes
the API serves."""

from __future__ import annotations

from money_support import Client, company, mailed


def test_a_paid_purchase_mails_its_invoice_with_pdf_and_xml_attached(stack):
    client = company(stack, "DE")
    started = client.api("POST", "/api/v1/billing/checkout/session", {"product_id": "credits_5"})
    assert started.status_code == 201, started.text
    completed = client.api("POST", "/api/v1/billing/checkout/complete", {"session_id": started.json()["session_id"]})
    assert completed.status_code == 200, completed.text

    message = mailed(stack, "payment-receipt", client.email, timeout=120)
    invoice = next(entry for entry in client.api("GET", "/api/v1/invoices").json()["invoices"]
                   if entry.get("purchase_id") == started.json()["purchase_id"])
    assert message["Subject"] == f"Rechnung {invoice['number']}"
    assert message.get_body(("plain",)).get_content().count(invoice["number"]) >= 1
    attachments = {part.get_filename(): part for part in message.iter_attachments()}
    assert set(attachments) == {f"{invoice['number']}.pdf", f"{invoice['number']}.xml"}
    pdf = attachments[f"{invoice['number']}.pdf"]
    xml = attachments[f"{invoice['number']}.xml"]
    assert pdf.get_content_type() == "application/pdf" and pdf.get_content().startswith(b"%PDF")
    assert xml.get_content_type() == "application/xml"
    served_xml = client.api("GET", f"/api/v1/invoices/{invoice['id']}/xml")
    served_pdf = client.api("GET", f"/api/v1/invoices/{invoice['id']}/pdf")
    assert served_xml.status_code == 200 and served_pdf.status_code == 200
    assert xml.get_payload(decode=True) == served_xml.content
    assert pdf.get_content() == served_pdf.content


def test_the_portal_lists_invoices_and_corrections_with_their_documents(stack):
    client = company(stack, "DE")
    started = client.api("POST", "/api/v1/billing/checkout/session", {"product_id": "credits_5"})
    assert client.api("POST", "/api/v1/billing/checkout/complete",
                      {"session_id": started.json()["session_id"]}).status_code == 200
    invoice = next(entry for entry in client.api("GET", "/api/v1/invoices").json()["invoices"]
                   if entry.get("purchase_id") == started.json()["purchase_id"])
    # Once the jobs process has rendered them, both documents are linked.
    mailed(stack, "payment-receipt", client.email, timeout=120)
    for path, words in (("/de/portal/rechnungen", ("Rechnungen", "Rechnung", "bezahlt")),
                        ("/en/portal/invoices", ("Invoices", "Invoice", "paid"))):
        page = client.get(client.url(path))
        assert page.status_code == 200, page.text
        assert "no-store" in page.headers.get("Cache-Control", "") or "private" in page.headers.get("Cache-Control", "")
        assert invoice["number"] in page.text and all(word in page.text for word in words)
        for kind in ("pdf", "xml"):
            link = f"/api/v1/invoices/{invoice['id']}/{kind}"
            assert f'href="{link}"' in page.text
            assert client.get(client.url(link)).status_code == 200
    # Another company sees none of it; without a session the page asks to sign in.
    other = company(stack, "DE")
    assert invoice["number"] not in other.get(other.url("/en/portal/invoices")).text
    visitor = Client(stack)
    assert visitor.get(visitor.url("/de/portal/rechnungen"), allow_redirects=False).status_code in (302, 303)
