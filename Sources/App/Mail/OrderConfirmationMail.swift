import Domain
import Foundation
import Pages
import Postgres
import Storage

/// The order confirmation (terms § 2: the contract is concluded by it): enqueued in the transaction that
/// fulfils a paid purchase — a configurator order or a credit pack — once per purchase (dedupe key), to the
/// user who bought, in German for buyers in German-speaking countries and English otherwise.
enum OrderConfirmationMail {
    /// Enqueues the confirmation of `purchase` on `connection` (the fulfilment's transaction).
    /// Links are paths; the renderer puts `CODEZERO_PUBLIC_URL` (`{{public_url}}`) in front.
    static func enqueue(for purchase: PurchaseRecord, on connection: PostgresConnection) throws {
        guard let userID = purchase.userID else { return }
        guard
            let recipient = try AccountStore(connection: connection).mailRecipient(
                userID: userID, companyID: purchase.companyID)
        else { return }
        let (email, companyName, country) = recipient
        let language: Language = ["DE", "AT", "CH", "LI", "LU"].contains(country) ? .de : .en
        var lines: [[String: MailValue]] = []
        if purchase.kind == .order, let orderID = purchase.orderID,
            let order = try OrderStore(connection: connection).order(id: orderID, companyID: purchase.companyID)
        {
            for line in order.lines {
                lines.append([
                    "quantity": .number(line.quantity),
                    "description": .text(language == .de ? line.nameDE : line.nameEN),
                    "net": .money(cents: line.lineNetCents, currency: purchase.currency.code),
                ])
            }
        } else {
            lines.append([
                "quantity": .number(1),
                "description": .text(
                    language == .de
                        ? "Credit-Paket mit \(purchase.credits) Credits" : "Credit pack of \(purchase.credits) credits"),
                "net": .money(cents: purchase.netCents, currency: purchase.currency.code),
            ])
        }
        let percent = purchase.vatRateBasisPoints / 100
        let fraction = purchase.vatRateBasisPoints % 100
        let rate = fraction == 0 ? "\(percent)" : "\(percent)\(language == .de ? "," : ".")\(fraction)"
        try MailOutbox.enqueue(
            OutgoingMail(
                template: "order-confirmation", to: email, name: companyName, language: language,
                values: [
                    "company": .text(companyName),
                    "order_number": .text(String(purchase.id.prefix(8)).uppercased()),
                    "order_date": .date(String((purchase.paidAt ?? purchase.createdAt).prefix(10))),
                    "lines": .rows(lines),
                    "net": .money(cents: purchase.netCents, currency: purchase.currency.code),
                    "vat": .money(cents: purchase.vatCents, currency: purchase.currency.code),
                    "gross": .money(cents: purchase.amountCents, currency: purchase.currency.code),
                    "vat_rate": .text(language == .de ? "\(rate) %" : "\(rate)%"),
                    "reverse_charge": .flag(purchase.reverseCharge),
                    "not_taxable": .flag(!purchase.reverseCharge && purchase.vatCents == 0),
                    "domestic": .flag(purchase.vatCents > 0),
                    "portal_path": .text(language == .de ? "/de/konto/bestellungen" : "/en/account/orders"),
                    "terms_path": .text(language == .de ? "/de/agb" : "/en/terms"),
                ],
                dedupeKey: "order-confirmation:\(purchase.id)"),
            on: connection)
    }
}
