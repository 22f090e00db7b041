"""Renders invoice PDFs: HTML → PDF/A-3b with WeasyPrint, then factur-x embeds the XRechnung XML as
`factur-x.xml` (AFRelationship Alternative) and writes the Factur-X EN 16931 XMP metadata.
Runs in the venv scripts/invoice-tools.sh installs (var/invoice-pdf), started by the jobs process at low priority.

  invoice-pdf.py --once HTML XML OUT.pdf     one document (tests, debugging)
  invoice-pdf.py --serve                     a long-running renderer: reads requests on stdin, answers on stdout
     request:  b"<html length> <xml length>\n" + HTML bytes + XML bytes
     answer:   b"OK <pdf length>\n" + PDF bytes   or   b"ERROR <message length>\n" + UTF-8 message
"""
import io
import sys

import facturx
from weasyprint import HTML


def render(html: bytes, xml: bytes) -> bytes:
    pdf = HTML(string=html.decode("utf-8")).write_pdf(pdf_variant="pdf/a-3b", pdf_identifier=None)
    out = io.BytesIO()
    # check_xsd=False: the XML passed XSD + CEN + KoSIT in make test; factur-x's own Factur-X XSDs do not know
    # the XRechnung guideline id. level/flavor explicit for the same reason.
    result = facturx.generate_from_binary(
        pdf, xml, flavor="factur-x", level="en16931", check_xsd=False, lang="de-DE",
        afrelationship="alternative", xmp_compression=False)
    out.write(result)
    return out.getvalue()


def read_exactly(stream, count: int) -> bytes:
    data = b""
    while len(data) < count:
        chunk = stream.read(count - len(data))
        if not chunk:
            raise EOFError("input ended inside a request")
        data += chunk
    return data


def serve() -> int:
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    while True:
        header = stdin.readline()
        if not header:
            return 0
        html_length, xml_length = (int(part) for part in header.split())
        html = read_exactly(stdin, html_length)
        xml = read_exactly(stdin, xml_length)
        try:
            pdf = render(html, xml)
            stdout.write(b"OK %d\n" % len(pdf) + pdf)
        except Exception as error:  # one bad document must not end the renderer
            message = f"{type(error).__name__}: {error}".encode("utf-8")
            stdout.write(b"ERROR %d\n" % len(message) + message)
        stdout.flush()


def main(argv) -> int:
    if len(argv) == 2 and argv[1] == "--serve":
        return serve()
    if len(argv) == 5 and argv[1] == "--once":
        with open(argv[2], "rb") as html, open(argv[3], "rb") as xml:
            pdf = render(html.read(), xml.read())
        with open(argv[4], "wb") as out:
            out.write(pdf)
        return 0
    print(__doc__, file=sys.stderr)
    return 64


if __name__ == "__main__":
    sys.exit(main(sys.argv))
