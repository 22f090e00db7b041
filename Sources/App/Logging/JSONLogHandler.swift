import Domain
public import Logging
import SystemCalls
import Web

#if canImport(Glibc)
    import Glibc
#endif

/// A swift-log handler that writes one JSON object per line to standard error.
///
/// Fields: `time` (UTC, RFC 3339 with milliseconds), `level`, `label`, `message`, `pid`, then the metadata
/// with its dotted keys (`request.id`, `stripe.event_id`). The line is written with a single `write(2)`, so
/// lines of concurrent processes sharing the stream never interleave (up to `PIPE_BUF` for pipes).
public struct JSONLogHandler: LogHandler {
    /// The logger's label, e.g. `codezero.worker`.
    public let label: String
    /// Metadata attached to every message of this logger.
    public var metadata: Logger.Metadata = [:]
    /// The minimum level written.
    public var logLevel: Logger.Level

    /// Creates a handler for `label` at `level`.
    public init(label: String, level: Logger.Level) {
        self.label = label
        self.logLevel = level
    }

    /// Metadata by key.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Writes one line.
    public func log(event: LogEvent) {
        let level = event.level
        let message = event.message
        let explicit = event.metadata
        var object: JSONObject = [
            "time": .string(Self.timestamp()), "level": .string(level.rawValue), "label": .string(label),
            "message": .string(message.description), "pid": .int(Int64(getpid())),
        ]
        for (key, value) in metadata where explicit?[key] == nil {
            object[key] = Self.json(value)
        }
        for (key, value) in explicit ?? [:] {
            object[key] = Self.json(value)
        }
        var bytes = JSON.object(object).serialized()
        bytes.append(UInt8(ascii: "\n"))
        try? SystemCall.writeAll(2, bytes)
    }

    static func json(_ value: Logger.Metadata.Value) -> JSON {
        switch value {
        case .string(let text): return .string(text)
        case .stringConvertible(let convertible): return .string(convertible.description)
        case .array(let values): return .array(values.map(json))
        case .dictionary(let dictionary):
            return .object(JSONObject(dictionary.sorted { $0.key < $1.key }.map { ($0.key, json($0.value)) }))
        }
    }

    /// The current UTC time as `2026-12-02T16:40:00.123Z`.
    static func timestamp() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return RFC3339Timestamp.text(milliseconds: now.tv_sec * 1_000 + now.tv_nsec / 1_000_000)
    }
}

/// Sets up swift-log once per process with ``JSONLogHandler`` at the configured level.
public enum LogSetup {
    /// Bootstraps the logging system; call once at process start.
    public static func bootstrap(level: String) {
        let parsed = Logger.Level(rawValue: level) ?? .info
        LoggingSystem.bootstrap { label in JSONLogHandler(label: label, level: parsed) }
    }
}
