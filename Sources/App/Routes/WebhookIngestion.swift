import Logging
import Storage
import Stripe
import Web

/// `POST /api/v1/billing/webhook`: the route table has verified the raw body's signature (``RouteAccess/stripe``);
/// decode it, then in ONE statement (one transaction) store the event
/// (its id is unique; the stored, not yet queued event is the durable queue entry that the jobs process turns into
/// its job, sql/0180); only then answer 2xx. A duplicate answers 2xx and changes nothing.
/// A bad signature or body is 400 and stores nothing; a storage failure is 5xx so Stripe retries.
enum WebhookIngestion {
    static func receive(_ context: RequestContext) throws -> Response {
        if case .webhook(let prepared) = context.preparedWrite {
            // Stored with the other webhooks of its worker's group (``WebhookGroup``), as below.
            context.preparedWrite = nil
            context.databaseNanoseconds += prepared.databaseNanoseconds
            return answer(stored: prepared.stored)
        }
        let event: StripeEvent
        do throws(StripeError) {
            event = try StripeEvent.decode(context.request.body)
        } catch {
            context.logger.notice("webhook refused", metadata: ["stripe.error": "\(error)"])
            throw Problem.badRequest(detail: "\(error)")
        }
        guard event.id.hasPrefix("evt_"), event.id.utf8.count <= 255 else {
            throw Problem.badRequest(detail: "The event id is not a Stripe event id.")
        }
        let payload = String(decoding: context.request.body, as: UTF8.self)
        let stored = try context.timedDatabase { connection in
            try StripeEventStore(connection: connection).insertIfNew(
                id: event.id, type: event.type, livemode: event.livemode, apiVersion: event.apiVersion,
                createdUnix: Int(event.created), payload: payload)
        }
        // Debug, as every request's own line is (WorkerLoop): each stored event is a row of stripe_events with its
        // arrival time and nginx's access log has the request; at info this line was a write(2) per webhook.
        context.logger.debug(
            stored ? "webhook stored" : "webhook duplicate ignored",
            metadata: ["stripe.event_id": "\(event.id)", "stripe.event_type": "\(event.type)"])
        return answer(stored: stored)
    }

    /// The 2xx for a stored event, or for a duplicate.
    static func answer(stored: Bool) -> Response {
        .json(["received": true, "duplicate": .bool(!stored)])
    }

    /// The event of a webhook's verified body, if it is one this route stores (its id a Stripe event id); nil when
    /// the body is not a Stripe event (the handler answers 400 then).
    static func storable(_ body: [UInt8]) -> StripeEventStore.NewEvent? {
        guard let event = try? StripeEvent.decode(body), event.id.hasPrefix("evt_"), event.id.utf8.count <= 255 else {
            return nil
        }
        return StripeEventStore.NewEvent(
            id: event.id, type: event.type, livemode: event.livemode, apiVersion: event.apiVersion,
            createdUnix: Int(event.created), payload: String(decoding: body, as: UTF8.self))
    }
}

extension JSON {
    /// The compact serialization as a string.
    var text: String { String(decoding: serialized(), as: UTF8.self) }
}
