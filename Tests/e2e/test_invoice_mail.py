"""The payment receipt through the real stack (issues #10 and #12): a paid credit pack's invoice is rendered by
the jobs process and mailed to the buyer with the Factur-X PDF and the XRechnung XML attached — the same bytes
the API serves."""

from __future__ import annotations

from money_support import company, mailed


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
