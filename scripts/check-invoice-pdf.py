"""Checks an invoice PDF against its XRechnung XML (make test): the XML that the factur-x library extracts is
byte-equal to XML; the XMP declares PDF/A-3 (pdfaid:part 3, conformance B) and Factur-X EN 16931; the
attachment is factur-x.xml. Usage: check-invoice-pdf.py PDF XML   (exit 0 = all good, 1 = a finding)
Runs in var/invoice-pdf (scripts/invoice-tools.sh)."""
import re
import sys

import facturx
from pypdf import PdfReader


def main(pdf_path, xml_path):
    findings = []
    pdf = open(pdf_path, "rb").read()
    xml = open(xml_path, "rb").read()
    filename, extracted = facturx.get_xml_from_pdf(pdf, check_xsd=False)
    if filename != "factur-x.xml":
        findings.append(f"attachment is {filename!r}, not factur-x.xml")
    if extracted != xml:
        findings.append(f"embedded XML differs from {xml_path} ({len(extracted or b'')} vs {len(xml)} bytes)")
    reader = PdfReader(pdf_path)
    metadata = reader.trailer["/Root"].get("/Metadata")
    xmp = metadata.get_object().get_data().decode("utf-8") if metadata else ""
    if not re.search(r"pdfaid:part(>|=\")3", xmp):
        findings.append("XMP lacks pdfaid:part 3")
    if not re.search(r"pdfaid:conformance(>|=\")B", xmp):
        findings.append("XMP lacks pdfaid:conformance B")
    if not re.search(r"fx:ConformanceLevel(>|=\")EN 16931", xmp):
        findings.append("XMP lacks fx:ConformanceLevel EN 16931")
    if "/OutputIntents" not in reader.trailer["/Root"]:
        findings.append("no OutputIntents (PDF/A needs an ICC output intent)")
    for finding in findings:
        print(finding)
    print(f"{pdf_path}: " + ("OK" if not findings else "FAILED"))
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
