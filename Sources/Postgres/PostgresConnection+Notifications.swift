internal import CLibPQ

extension PostgresConnection {
    /// Starts listening on `channel` (`LISTEN`). The connection remembers its channels and listens
    /// again after a reconnect; notifications sent while it was disconnected are lost, so a
    /// consumer should re-check its source of truth after ``waitForNotifications(timeout:)`` throws.
    public func listen(_ channel: String) throws {
        try execute("LISTEN \(identifier: channel)")
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
    /// Returns an empty array when none arrived in time. Connects (and listens again) first when the
    /// connection is gone; throws a connection failure when the connection breaks while waiting.
    public func waitForNotifications(timeout: Double) throws -> [PostgresNotification] {
        let connection = try readyHandle()
        var notifications = Self.drainNotifications(connection)
        guard notifications.isEmpty else { return notifications }
        let deadline = ContinuousClock.now + .milliseconds(Int64(max(0, timeout) * 1000))
        while notifications.isEmpty {
            let remaining = ContinuousClock.now.duration(to: deadline)
            guard remaining > .zero else { break }
            let milliseconds = Int32(
                clamping: remaining.components.seconds * 1000
                    + remaining.components.attoseconds / 1_000_000_000_000_000 + 1)
            let socket = PQsocket(connection)
            guard socket >= 0, try SocketPoll.waitForInput(socket, milliseconds: milliseconds) else { continue }
            if PQconsumeInput(connection) == 0 || PQstatus(connection) != CONNECTION_OK {
                let message = Self.errorMessage(of: connection)
                dropConnection()
                throw PostgresError(code: .connectionLost, message: message)
            }
            notifications = Self.drainNotifications(connection)
        }
        return notifications
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
