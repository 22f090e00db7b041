import Domain
import Storage
import Web

/// Support requests as the API shows them (issue 13 item 7). Staff see the company and the authors' addresses;
/// a client sees only whether a message came from staff.
enum SupportJSON {
    static let statusValues = SupportStatus.allCases.map { $0.rawValue.lowercased() }

    /// The schema of ``request(_:staff:)``.
    static func requestSchema(staff: Bool) -> APISchema {
        var members: [(String, APISchema)] = [
            ("id", .uuid), ("subject", .string), ("status", .oneOf(statusValues)), ("order_id", APISchema.uuid.orNull),
            ("invoice_id", APISchema.uuid.orNull), ("invoice_number", APISchema.string.orNull),
            ("language", .oneOf(["de", "en"])), ("message_count", .integer), ("created_at", .dateTime),
            ("updated_at", .dateTime), ("closed_at", APISchema.dateTime.orNull),
        ]
        if staff {
            members += [
                ("company_id", .uuid), ("company_name", .string), ("opened_by", APISchema.string.orNull),
            ]
        }
        return .object(members)
    }

    /// The schema of a request with its messages.
    static func threadSchema(staff: Bool) -> APISchema {
        var message: [(String, APISchema)] = [
            ("id", .integer), ("from_staff", .boolean), ("body", .string), ("created_at", .dateTime),
        ]
        if staff { message.append(("author", APISchema.string.orNull)) }
        return .object([("request", requestSchema(staff: staff)), ("messages", .array(.object(message)))])
    }

    /// The body a client opens a request with.
    static let openSchema = APISchema.object([
        "subject": .text(200), "message": .text(10_000, multiline: true), "order_id?": APISchema.uuid.orNull,
        "invoice_id?": APISchema.uuid.orNull, "language?": APISchema.oneOf(["de", "en"]).orNull,
    ])

    /// The body of a new message.
    static let messageSchema = APISchema.object(["message": .text(10_000, multiline: true)])

    static func request(_ record: SupportRequestRecord, staff: Bool) -> JSON {
        var object: JSONObject = [
            "id": .string(record.id), "subject": .string(record.subject),
            "status": .string(record.status.rawValue.lowercased()), "order_id": JSON(record.orderID),
            "invoice_id": JSON(record.invoiceID), "invoice_number": JSON(record.invoiceNumber),
            "language": .string(record.language.rawValue), "message_count": JSON(record.messageCount),
            "created_at": .string(AccountJSON.timestamp(record.created)),
            "updated_at": .string(AccountJSON.timestamp(record.updated)),
            "closed_at": JSON(record.closed.map(AccountJSON.timestamp)),
        ]
        if staff {
            object["company_id"] = .string(record.companyID)
            object["company_name"] = .string(record.companyName)
            object["opened_by"] = JSON(record.openerEmail)
        }
        return .object(object)
    }

    static func thread(_ record: SupportRequestRecord, _ messages: [SupportMessageRecord], staff: Bool) -> JSON {
        [
            "request": request(record, staff: staff),
            "messages": .array(
                messages.map { message in
                    var object: JSONObject = [
                        "id": JSON(message.id), "from_staff": .bool(message.fromStaff), "body": .string(message.body),
                        "created_at": .string(AccountJSON.timestamp(message.created)),
                    ]
                    if staff { object["author"] = JSON(message.authorEmail) }
                    return .object(object)
                }),
        ]
    }
}
