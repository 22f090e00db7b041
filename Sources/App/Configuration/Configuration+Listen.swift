import ProcessManager
import Settings

extension Configuration {
    /// The pool's TCP address from `CODEZERO_LISTEN` (`host:port`, `[v6]:port`; unset = the unix socket), refused
    /// on a public address unless `CODEZERO_LISTEN_FORCE=1` (FastCGI has no authentication; see ``ListenAddress``).
    static func loadListen(from reader: inout SettingsReader) -> ListenAddress? {
        guard let text = reader.text("CODEZERO_LISTEN") else { return nil }
        let forced = reader.flag("CODEZERO_LISTEN_FORCE")
        guard let address = ListenAddress(text) else {
            reader.problem("CODEZERO_LISTEN", "must be a numeric host and a port, e.g. 10.0.0.5:9000 or [fd00::5]:9000")
            return nil
        }
        if !address.isPrivate && !forced {
            reader.problem(
                "CODEZERO_LISTEN",
                "\(address.host) is not a private address: the pool would take FastCGI requests from anyone who reaches it (set CODEZERO_LISTEN_FORCE=1 behind a firewall)"
            )
            return nil
        }
        return address
    }

    /// The listening settings for `check-config`.
    func listenSettings() -> [(key: String, value: String)] {
        [
            ("CODEZERO_LISTEN", listen?.description ?? "(unset: the unix socket CODEZERO_SOCKET)"),
            ("CODEZERO_LISTEN_FORCE", listen.map { $0.isPrivate ? "0" : "1" } ?? "0"),
        ]
    }
}
