import Storage
import Stripe
import Web

/// A webhook's event stored with the other webhooks of its worker's group (``WebhookGroup``).
struct PreparedWebhook {
    /// Whether the event was stored (false: a duplicate — stored before, or by an earlier webhook of the group).
    let stored: Bool
    /// This request's share of the group statement's time in the database.
    let databaseNanoseconds: Int64
}

/// Stripe webhooks that arrive together, stored together (issue #16, ``RequestGroup``): the events of several
/// `POST /api/v1/billing/webhook` requests that a worker holds at once in ONE statement and one transaction
/// (``Storage/StripeEventStore/insertEachIfNew(_:)``), committed before any of them is answered — so a 2xx still means
/// the event is durably stored, and each is stored exactly once (its id is unique; a duplicate answers 2xx and
/// changes nothing, as alone).
///
/// A request joins when the route would store it: its signature verifies under a configured secret (the check the
/// route table makes, ``RouteAccess/stripe``, which still runs again for each request before its handler) and its
/// body is a Stripe event with a Stripe event id (``WebhookIngestion/storable(_:)``). Every other request of the group
/// takes the usual way and gets the usual answer (400 for a bad signature or body, 503 without a secret). When the
/// statement fails, nothing of it was stored (one transaction) unless the connection broke after the commit, and each
/// request takes the usual way, where an event already stored is a duplicate, never stored twice.
enum WebhookGroup {
    private static let path = Array("/api/v1/billing/webhook".utf8)

    /// Whether a request with this request line may start a group: `POST /api/v1/billing/webhook` exactly.
    static func mayStart(_ line: CGIRequestLine) -> Bool {
        RequestGroup.isPost(line, to: path)
    }

    /// The events of `requests` that can be stored together, stored in one statement when there are at least two;
    /// one entry per request, nil for each that takes the usual way (all of them when fewer than two can be grouped
    /// or the statement fails).
    static func prepare(_ requests: [Request?], services: Services) -> [PreparedWebhook?] {
        var prepared = [PreparedWebhook?](repeating: nil, count: requests.count)
        let secrets = services.configuration.stripeWebhookSecrets
        guard !secrets.isEmpty, let signature = try? WebhookSignature(secrets: secrets) else { return prepared }
        var members: [(index: Int, event: StripeEventStore.NewEvent)] = []
        for (index, request) in requests.enumerated() {
            guard let parsed = request, parsed.method == .post, parsed.path == "/api/v1/billing/webhook",
                (try? signature.verify(payload: parsed.body, header: parsed.header("stripe-signature"))) != nil,
                let event = WebhookIngestion.storable(parsed.body)
            else { continue }
            members.append((index, event))
        }
        guard members.count >= 2 else { return prepared }
        guard
            let (stored, share) = RequestGroup.together(
                "webhook", count: members.count, services: services,
                { try StripeEventStore(connection: services.database).insertEachIfNew(members.map(\.event)) })
        else { return prepared }
        for (member, stored) in zip(members, stored) {
            prepared[member.index] = PreparedWebhook(stored: stored, databaseNanoseconds: share)
        }
        return prepared
    }
}
