internal import CLibPQ

/// Receives the notices libpq would otherwise print to stderr, and remembers whether the server
/// announced that it is closing this session (a FATAL or PANIC message while idle, e.g.
/// "terminating connection due to administrator command").
///
/// libpq calls back with a raw pointer to this object; the owning connection keeps it alive for as
/// long as its libpq connection exists.
final class NoticeMonitor {
    private(set) var serverClosingSession = false

    /// Installs the receiver on a new libpq connection and clears the previous connection's state.
    func install(on connection: OpaquePointer) {
        serverClosingSession = false
        PQsetNoticeReceiver(
            connection,
            { context, result in
                guard let context, let result else { return }
                let monitor = Unmanaged<NoticeMonitor>.fromOpaque(context).takeUnretainedValue()
                guard let ascii = Character("V").asciiValue,
                    let severity = PQresultErrorField(result, Int32(ascii))
                else { return }
                let text = String(cString: severity)
                if text == "FATAL" || text == "PANIC" { monitor.serverClosingSession = true }
            }, Unmanaged.passUnretained(self).toOpaque())
    }
}
