internal import CLibPQ

extension PostgresConnection {
    /// Starts listening on `channel` (`LISTEN`). The connection remembers its channels and listens
    /// again after a reconnect; notifications sent while it was disconnected are lost, so a
    /// consumer should re-check its source of truth after ``waitForNotifications(timeout:)`` throws.
    public func listen(_ channel: String) throws {
        try execute("LISTEN \(identifier: channel)")
        // The first channel starts the listener's view of the connection; a reconnect before a later channel
        // still has to be reported for the channels listened to before it.
        if listenedChannels.isEmpty { reportedGeneration = generation }
        if !listenedChannels.contains(channel) { listenedChannels.append(channel) }
    }

    /// Stops listening on `channel` (`UNLISTEN`).
    public func unlisten(_ channel: String) throws {
        try execute("UNLISTEN \(identifier: channel)")
        listenedChannels.removeAll { $0 == channel }
    }

    /// Sends a notification (`pg_notify`). Inside a transaction it is delivered on commit.
    public func notify(_ channel: String, payload: String = "") throws {
        try execute("SELECT pg_notify(\(channel), \(payload))")
    }

    /// Returns the notifications that arrived, waiting up to `timeout` seconds for the first one.
    ///
    /// Returns an empty array when none arrived in time. Every loss of the connection is reported
    /// once, as a connection failure, so that the caller re-checks what it may have missed: when the
    /// connection breaks while waiting, or when it was found broken and replaced (listening again)
    /// before waiting. The next call waits on the new connection.
    public func waitForNotifications(timeout: Double) throws -> [PostgresNotification] {
        let connection = try readyHandle()
        try reportReconnect()
        var notifications = Self.drainNotifications(connection)
        guard notifications.isEmpty else { return notifications }
        let socket = PQsocket(connection)
        guard socket >= 0 else {
            dropConnection()
            throw PostgresError(code: .connectionLost, message: "the connection has no socket")
        }
        let deadline = ContinuousClock.now + .milliseconds(Int64(max(0, timeout) * 1000))
        while notifications.isEmpty {
            let remaining = ContinuousClock.now.duration(to: deadline)
            guard remaining > .zero else { break }
            let milliseconds = Int32(
                clamping: remaining.components.seconds * 1000
                    + remaining.components.attoseconds / 1_000_000_000_000_000 + 1)
            guard try SocketPoll.waitForInput(socket, milliseconds: milliseconds) else { continue }
            let consumed = PQconsumeInput(connection) != 0
            notifications = Self.drainNotifications(connection)
            // The server closing the session (shutdown, terminate) sends FATAL, then EOF.
            if !consumed || PQstatus(connection) != CONNECTION_OK || notices.serverClosingSession {
                let message = Self.errorMessage(of: connection)
                dropConnection()
                guard notifications.isEmpty else { return notifications }
                reportedGeneration = generation + 1  // this loss is reported now, not again at the reconnect
                throw PostgresError(code: .connectionLost, message: message)
            }
        }
        return notifications
    }

    /// The notifications that have arrived so far, without waiting: one non-blocking read of the socket
    /// (libpq's sockets are non-blocking), no round trip. Cheap enough to call before every request.
    ///
    /// Like ``waitForNotifications(timeout:)`` it reports a lost or replaced connection once, as a
    /// connection failure, so the caller re-checks what it may have missed.
    public func pendingNotifications() throws -> [PostgresNotification] {
        let connection = try readyHandle()
        try reportReconnect()
        let consumed = PQconsumeInput(connection) != 0
        let notifications = Self.drainNotifications(connection)
        if !consumed || PQstatus(connection) != CONNECTION_OK {
            let message = Self.errorMessage(of: connection)
            dropConnection()
            guard notifications.isEmpty else { return notifications }
            reportedGeneration = generation + 1  // this loss is reported now, not again at the reconnect
            throw PostgresError(code: .connectionLost, message: message)
        }
        return notifications
    }

    /// Throws once for every reconnect the listener has not been told about, wherever it happened: in this
    /// call, in an ordinary statement or transaction between two checks (looksAlive found the session gone and
    /// replaced it), or after a statement failed and dropped the connection. The new connection listens again,
    /// but whatever was notified in between was missed, so the caller must re-check its source of truth.
    private func reportReconnect() throws {
        guard generation != reportedGeneration else { return }
        reportedGeneration = generation
        guard !listenedChannels.isEmpty else { return }
        throw PostgresError(
            code: .connectionLost,
            message: "the connection was lost and re-established; notifications sent meanwhile were missed")
    }

    private static func drainNotifications(_ connection: OpaquePointer) -> [PostgresNotification] {
        var notifications: [PostgresNotification] = []
        while let pointer = PQnotifies(connection) {
            let notify = pointer.pointee
            notifications.append(
                PostgresNotification(
                    channel: String(cString: notify.relname), payload: String(cString: notify.extra),
                    senderPID: Int(notify.be_pid)))
            PQfreemem(pointer)
        }
        return notifications
    }
}
