/// Writes an ``InvoiceDocument`` as an XRechnung 3.0 e-invoice in UN/CEFACT CII D16B syntax
/// (guideline `urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0`), UTF-8.
///
/// The same bytes are the `/xml` download and the Factur-X attachment of the PDF. Choices, by EN 16931 rule:
/// - type code 380, or 384 (corrected invoice) for a Rechnungskorrektur with the original as BG-3;
/// - one VAT breakdown (the shop's invoices have one category): `S` 19 %, `AE` 0 % with `VATEX-EU-AE` and both
///   VAT IDs, `O` with `VATEX-EU-O`, no line rate and no VAT ID (BR-O-02: the seller is identified by its tax
///   number and register entry, BT-32 and BT-30);
/// - the service period as BG-14, the seller's account as payment instructions (code 58, BR-DE-1), the payment
///   already received as BT-113.
public enum XRechnungWriter {
    /// The XRechnung 3.0 specification identifier (BT-24).
    public static let guideline = "urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0"
    /// The business process (BT-23).
    public static let businessProcess = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"

    /// The document as XRechnung CII XML text.
    public static func xml(_ document: InvoiceDocument) -> String {
        var xml = XMLText()
        xml.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        xml.raw(
            "<rsm:CrossIndustryInvoice"
                + " xmlns:rsm=\"urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100\""
                + " xmlns:ram=\"urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100\""
                + " xmlns:qdt=\"urn:un:unece:uncefact:data:standard:QualifiedDataType:100\""
                + " xmlns:udt=\"urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100\">\n")
        xml.group("rsm:ExchangedDocumentContext") { xml in
            xml.group("ram:BusinessProcessSpecifiedDocumentContextParameter") { $0.element("ram:ID", businessProcess) }
            xml.group("ram:GuidelineSpecifiedDocumentContextParameter") { $0.element("ram:ID", guideline) }
        }
        xml.group("rsm:ExchangedDocument") { xml in
            xml.element("ram:ID", document.number)
            xml.element("ram:TypeCode", document.kind.typeCode)
            xml.group("ram:IssueDateTime") { date(&$0, "udt:DateTimeString", document.issueDate) }
            for note in notes(document) {
                xml.group("ram:IncludedNote") { xml in
                    xml.element("ram:Content", note.content)
                    if let subject = note.subject { xml.element("ram:SubjectCode", subject) }
                }
            }
        }
        xml.group("rsm:SupplyChainTradeTransaction") { xml in
            for line in document.lines { lineItem(&xml, line, document) }
            agreement(&xml, document)
            xml.raw("<ram:ApplicableHeaderTradeDelivery/>\n")
            settlement(&xml, document)
        }
        xml.raw("</rsm:CrossIndustryInvoice>\n")
        return xml.text
    }

    /// The document notes (BG-1): the legal note of the VAT treatment, the correction's reason, the seller's
    /// register and directors (subject `REG`).
    static func notes(_ document: InvoiceDocument) -> [(content: String, subject: String?)] {
        var notes: [(String, String?)] = []
        if let note = document.vat.legalNote { notes.append(("\(note.de) / \(note.en)", nil)) }
        if case .correction(let original, let date) = document.kind {
            notes.append(("Rechnungskorrektur zur Rechnung \(original) vom \(date.german)", nil))
        }
        let seller = document.seller
        let register = [seller.register, seller.directors.isEmpty ? "" : "Geschäftsführung: \(seller.directors)"]
            .filter { !$0.isEmpty }.joined(separator: ", ")
        if !register.isEmpty { notes.append((register, "REG")) }
        return notes
    }

    static func date(_ xml: inout XMLText, _ name: String, _ day: CalendarDate) {
        xml.element(name, day.compact, attributes: [("format", "102")])
    }

    static func amount(_ cents: Int, _ currency: Currency) -> String {
        Money(cents: cents, currency: currency).decimalString
    }

    static func lineItem(_ xml: inout XMLText, _ line: InvoiceLine, _ document: InvoiceDocument) {
        xml.group("ram:IncludedSupplyChainTradeLineItem") { xml in
            xml.group("ram:AssociatedDocumentLineDocument") { $0.element("ram:LineID", line.id) }
            xml.group("ram:SpecifiedTradeProduct") { $0.element("ram:Name", line.description) }
            xml.group("ram:SpecifiedLineTradeAgreement") { xml in
                xml.group("ram:NetPriceProductTradePrice") {
                    $0.element("ram:ChargeAmount", line.unitNetPrice.text(places: 4))
                }
            }
            xml.group("ram:SpecifiedLineTradeDelivery") {
                $0.element(
                    "ram:BilledQuantity", line.quantity.text(places: 4), attributes: [("unitCode", line.unitCode)])
            }
            xml.group("ram:SpecifiedLineTradeSettlement") { xml in
                xml.group("ram:ApplicableTradeTax") { xml in
                    xml.element("ram:TypeCode", "VAT")
                    xml.element("ram:CategoryCode", document.vat.category.code)
                    if document.vat.category != .outsideScope {
                        xml.element("ram:RateApplicablePercent", document.vat.rate.percentText)
                    }
                }
                xml.group("ram:SpecifiedTradeSettlementLineMonetarySummation") {
                    $0.element("ram:LineTotalAmount", amount(line.netCents, document.currency))
                }
            }
        }
    }

    static func agreement(_ xml: inout XMLText, _ document: InvoiceDocument) {
        let seller = document.seller
        let buyer = document.buyer
        let outside = document.vat.category == .outsideScope
        xml.group("ram:ApplicableHeaderTradeAgreement") { xml in
            xml.element("ram:BuyerReference", buyer.buyerReference)
            xml.group("ram:SellerTradeParty") { xml in
                xml.element("ram:Name", seller.name)
                if !seller.register.isEmpty || !seller.directors.isEmpty {
                    xml.element("ram:Description", notes(document).last { $0.subject == "REG" }?.content ?? "")
                }
                if !seller.register.isEmpty {
                    // BT-30: identifies the seller where no VAT ID may be given (BR-CO-26 with BR-O-02).
                    xml.group("ram:SpecifiedLegalOrganization") { $0.element("ram:ID", seller.register) }
                }
                xml.group("ram:DefinedTradeContact") { xml in
                    xml.element("ram:PersonName", seller.name)
                    xml.group("ram:TelephoneUniversalCommunication") { $0.element("ram:CompleteNumber", seller.phone) }
                    xml.group("ram:EmailURIUniversalCommunication") { $0.element("ram:URIID", seller.email) }
                }
                address(&xml, seller.address)
                xml.group("ram:URIUniversalCommunication") {
                    $0.element("ram:URIID", seller.email, attributes: [("schemeID", "EM")])
                }
                if !seller.taxNumber.isEmpty {
                    xml.group("ram:SpecifiedTaxRegistration") {
                        $0.element("ram:ID", seller.taxNumber, attributes: [("schemeID", "FC")])
                    }
                }
                if !outside {
                    xml.group("ram:SpecifiedTaxRegistration") {
                        $0.element("ram:ID", seller.vatId, attributes: [("schemeID", "VA")])
                    }
                }
            }
            xml.group("ram:BuyerTradeParty") { xml in
                xml.element("ram:Name", buyer.legalName)
                address(&xml, buyer.address)
                xml.group("ram:URIUniversalCommunication") {
                    $0.element("ram:URIID", buyer.email, attributes: [("schemeID", "EM")])
                }
                if let vatId = buyer.vatId, !vatId.isEmpty, !outside {
                    xml.group("ram:SpecifiedTaxRegistration") {
                        $0.element("ram:ID", vatId, attributes: [("schemeID", "VA")])
                    }
                }
            }
        }
    }

    static func address(_ xml: inout XMLText, _ address: PostalAddress) {
        xml.group("ram:PostalTradeAddress") { xml in
            if !address.postcode.isEmpty { xml.element("ram:PostcodeCode", address.postcode) }
            xml.element("ram:LineOne", address.street)
            xml.element("ram:CityName", address.city)
            xml.element("ram:CountryID", address.country.code)
        }
    }

    static func settlement(_ xml: inout XMLText, _ document: InvoiceDocument) {
        let currency = document.currency
        let totals = document.totals
        xml.group("ram:ApplicableHeaderTradeSettlement") { xml in
            xml.element("ram:InvoiceCurrencyCode", currency.code)
            xml.group("ram:SpecifiedTradeSettlementPaymentMeans") { xml in
                xml.element("ram:TypeCode", "58")
                if let payment = document.payment {
                    let verb = payment.amount.cents < 0 ? "Erstattet" : "Bezahlt"
                    xml.element("ram:Information", "\(verb) per \(payment.method) am \(payment.date.german)")
                }
                xml.group("ram:PayeePartyCreditorFinancialAccount") { $0.element("ram:IBANID", document.seller.iban) }
                if !document.seller.bic.isEmpty {
                    xml.group("ram:PayeeSpecifiedCreditorFinancialInstitution") {
                        $0.element("ram:BICID", document.seller.bic)
                    }
                }
            }
            xml.group("ram:ApplicableTradeTax") { xml in
                xml.element("ram:CalculatedAmount", totals.vat.decimalString)
                xml.element("ram:TypeCode", "VAT")
                if let note = document.vat.legalNote { xml.element("ram:ExemptionReason", "\(note.de) / \(note.en)") }
                xml.element("ram:BasisAmount", totals.net.decimalString)
                xml.element("ram:CategoryCode", document.vat.category.code)
                if let code = document.vat.category.exemptionReasonCode { xml.element("ram:ExemptionReasonCode", code) }
                // BR-DE-14 wants the rate in the breakdown even for `O` (0); only the lines leave it out (BR-O-05).
                xml.element("ram:RateApplicablePercent", document.vat.rate.percentText)
            }
            xml.group("ram:BillingSpecifiedPeriod") { xml in
                xml.group("ram:StartDateTime") { date(&$0, "udt:DateTimeString", document.servicePeriod.start) }
                xml.group("ram:EndDateTime") { date(&$0, "udt:DateTimeString", document.servicePeriod.end) }
            }
            xml.group("ram:SpecifiedTradePaymentTerms") { $0.element("ram:Description", document.paymentTerms) }
            xml.group("ram:SpecifiedTradeSettlementHeaderMonetarySummation") { xml in
                xml.element("ram:LineTotalAmount", totals.net.decimalString)
                xml.element("ram:TaxBasisTotalAmount", totals.net.decimalString)
                xml.element("ram:TaxTotalAmount", totals.vat.decimalString, attributes: [("currencyID", currency.code)])
                xml.element("ram:GrandTotalAmount", totals.gross.decimalString)
                xml.element("ram:TotalPrepaidAmount", totals.paid.decimalString)
                xml.element("ram:DuePayableAmount", totals.due.decimalString)
            }
            if case .correction(let original, let issued) = document.kind {
                xml.group("ram:InvoiceReferencedDocument") { xml in
                    xml.element("ram:IssuerAssignedID", original)
                    xml.group("ram:FormattedIssueDateTime") { date(&$0, "qdt:DateTimeString", issued) }
                }
            }
        }
    }
}
