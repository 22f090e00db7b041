#if canImport(Glibc)
    import Glibc
#endif

extension Configuration {
    /// The variables this configuration reads, for `check-config` and the README.
    public static let environmentKeys =
        [
            "CODEZERO_VAR", "CODEZERO_WORKERS", "CODEZERO_HTTPS_PORT", "CODEZERO_HTTP_PORT", "DATABASE_URL",
            "CODEZERO_PUBLIC_URL", "CODEZERO_SQL_DIR", "CODEZERO_SOCKET", "CODEZERO_SOCKET_GROUP",
            "CODEZERO_LISTEN_BACKLOG", "CODEZERO_MAX_BODY_BYTES", "CODEZERO_STOP_TIMEOUT", "CODEZERO_LOG_LEVEL",
            "CODEZERO_SCRYPT_LOGN", "CODEZERO_JOB_LEASE",
            "STRIPE_SECRET_KEY", "STRIPE_API_BASE", "STRIPE_WEBHOOK_SECRET",
        ] + MailSettings.environmentKeys

    /// The process environment as a dictionary.
    public static func processEnvironment() -> [String: String] {
        var result: [String: String] = [:]
        var index = 0
        while let entry = environ[index] {
            let text = String(cString: entry)
            if let equals = text.firstIndex(of: "=") {
                result[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            index += 1
        }
        return result
    }

    /// Loads and validates a configuration; throws one error listing every problem.
    ///
    /// Relative paths are made absolute against `workingDirectory` so that workers and the master agree.
    public static func load(
        environment: [String: String], workingDirectory: String
    ) throws(ConfigurationError)
        -> Configuration
    {
        var problems: [ConfigurationError.Problem] = []
        func value(_ key: String) -> String? {
            guard let raw = environment[key] else { return nil }
            let trimmed = raw.trimmingWhitespace()
            return trimmed.isEmpty ? nil : trimmed
        }
        func integer(_ key: String, default fallback: Int, in range: ClosedRange<Int>) -> Int {
            guard let text = value(key) else { return fallback }
            guard let number = Int(text), range.contains(number) else {
                problems.append(
                    .init(
                        key: key,
                        message: "must be a whole number from \(range.lowerBound) to \(range.upperBound), got '\(text)'"
                    ))
                return fallback
            }
            return number
        }
        func absolute(_ path: String) -> String {
            path.hasPrefix("/")
                ? path : "\(workingDirectory)/\(path.hasPrefix("./") ? String(path.dropFirst(2)) : path)"
        }

        let varDirectory = absolute(value("CODEZERO_VAR") ?? "./var")
        let workers = integer("CODEZERO_WORKERS", default: 4, in: 1...256)
        let httpsPort = integer("CODEZERO_HTTPS_PORT", default: 8443, in: 1...65535)
        let httpPort = integer("CODEZERO_HTTP_PORT", default: 8080, in: 1...65535)
        if value("CODEZERO_HTTPS_PORT") != nil || value("CODEZERO_HTTP_PORT") != nil, httpsPort == httpPort {
            problems.append(.init(key: "CODEZERO_HTTP_PORT", message: "must differ from CODEZERO_HTTPS_PORT"))
        }
        let publicURL = value("CODEZERO_PUBLIC_URL").map { url -> String in
            var url = url
            while url.hasSuffix("/") { url.removeLast() }
            return url
        }
        if let publicURL, !(publicURL.hasPrefix("https://") || publicURL.hasPrefix("http://")) {
            problems.append(.init(key: "CODEZERO_PUBLIC_URL", message: "must be an absolute http(s) URL"))
        }
        let socketPath = value("CODEZERO_SOCKET").map(absolute) ?? "\(varDirectory)/run/codezero.sock"
        if socketPath.utf8.count >= 108 {
            problems.append(
                .init(key: "CODEZERO_SOCKET", message: "path is longer than a unix socket allows (107 bytes)"))
        }
        let logLevel = value("CODEZERO_LOG_LEVEL")?.lowercased() ?? "info"
        if !["trace", "debug", "info", "notice", "warning", "error", "critical"].contains(logLevel) {
            problems.append(
                .init(
                    key: "CODEZERO_LOG_LEVEL",
                    message: "must be one of trace, debug, info, notice, warning, error, critical"))
        }
        var stopTimeout = 35.0
        if let text = value("CODEZERO_STOP_TIMEOUT") {
            if let number = Double(text), number > 0, number <= 3600 {
                stopTimeout = number
            } else {
                problems.append(
                    .init(key: "CODEZERO_STOP_TIMEOUT", message: "must be a number of seconds from 0 to 3600"))
            }
        }
        let stripeKey = value("STRIPE_SECRET_KEY")
        if let stripeKey, !(stripeKey.hasPrefix("sk_") || stripeKey.hasPrefix("rk_")) {
            problems.append(.init(key: "STRIPE_SECRET_KEY", message: "must start with sk_ or rk_ (value not shown)"))
        }
        let stripeBase = value("STRIPE_API_BASE") ?? "https://api.stripe.com"
        if !(stripeBase.hasPrefix("https://") || stripeBase.hasPrefix("http://127.0.0.1")
            || stripeBase.hasPrefix("http://localhost"))
        {
            problems.append(
                .init(key: "STRIPE_API_BASE", message: "must be https (plain http only for loopback test servers)"))
        }
        let secrets = (value("STRIPE_WEBHOOK_SECRET") ?? "").split(separator: ",").map {
            String($0).trimmingWhitespace()
        }
        .filter { !$0.isEmpty }
        if secrets.contains(where: { !$0.hasPrefix("whsec_") }) {
            problems.append(
                .init(key: "STRIPE_WEBHOOK_SECRET", message: "every secret must start with whsec_ (values not shown)"))
        }
        let mail = MailSettings.load(value: value, problems: &problems)
        let configuration = Configuration(
            varDirectory: varDirectory,
            workers: workers,
            httpsPort: httpsPort,
            httpPort: httpPort,
            databaseURL: value("DATABASE_URL"),
            publicURL: publicURL,
            sqlDirectory: absolute(value("CODEZERO_SQL_DIR") ?? "./sql"),
            socketPath: socketPath,
            socketGroup: value("CODEZERO_SOCKET_GROUP"),
            listenBacklog: integer("CODEZERO_LISTEN_BACKLOG", default: 511, in: 1...65535),
            maximumBodyBytes: integer("CODEZERO_MAX_BODY_BYTES", default: 1 << 20, in: 1024...(64 << 20)),
            stopTimeout: stopTimeout,
            logLevel: logLevel,
            passwordCostLogN: integer("CODEZERO_SCRYPT_LOGN", default: 14, in: 10...20),
            jobLeaseSeconds: integer("CODEZERO_JOB_LEASE", default: 300, in: 2...86_400),
            stripeSecretKey: stripeKey,
            stripeAPIBase: stripeBase,
            stripeWebhookSecrets: secrets,
            mail: mail
        )
        guard problems.isEmpty else {
            throw ConfigurationError(problems: problems.sorted { $0.key < $1.key })
        }
        return configuration
    }

    /// The effective configuration as `KEY=value` lines with secrets masked, for `codezero check-config`.
    public func effectiveSettings() -> [(key: String, value: String)] {
        func mask(_ secret: String?) -> String {
            guard let secret else { return "(unset)" }
            return secret.count <= 8 ? "****" : "\(secret.prefix(7))****"
        }
        return [
            ("CODEZERO_VAR", varDirectory),
            ("CODEZERO_WORKERS", "\(workers)"),
            ("CODEZERO_HTTPS_PORT", "\(httpsPort)"),
            ("CODEZERO_HTTP_PORT", "\(httpPort)"),
            ("DATABASE_URL", databaseURL.map(Self.maskPassword) ?? "(embedded cluster in \(embeddedClusterDirectory))"),
            ("CODEZERO_PUBLIC_URL", publicURL),
            ("CODEZERO_SQL_DIR", sqlDirectory),
            ("CODEZERO_SOCKET", socketPath),
            ("CODEZERO_SOCKET_GROUP", socketGroup ?? "(unset)"),
            ("CODEZERO_LISTEN_BACKLOG", "\(listenBacklog)"),
            ("CODEZERO_MAX_BODY_BYTES", "\(maximumBodyBytes)"),
            ("CODEZERO_STOP_TIMEOUT", "\(stopTimeout)"),
            ("CODEZERO_LOG_LEVEL", logLevel),
            ("CODEZERO_SCRYPT_LOGN", "\(passwordCostLogN)"),
            ("CODEZERO_JOB_LEASE", "\(jobLeaseSeconds)"),
            ("STRIPE_SECRET_KEY", stripeSecretKey == nil ? "(unset: mock mode)" : mask(stripeSecretKey)),
            ("STRIPE_API_BASE", stripeAPIBase),
            (
                "STRIPE_WEBHOOK_SECRET",
                stripeWebhookSecrets.isEmpty ? "(unset)" : stripeWebhookSecrets.map { mask($0) }.joined(separator: ",")
            ),
        ] + mail.effectiveSettings
    }

    /// Replaces the password in a libpq URI (`postgres://user:secret@host/db`) or keyword string (`password=…`).
    static func maskPassword(_ url: String) -> String {
        var result = ""
        var rest = Substring(url)
        if let scheme = rest.firstRange(of: "://"), let at = rest[scheme.upperBound...].firstIndex(of: "@") {
            let credentials = rest[scheme.upperBound..<at]
            if let colon = credentials.firstIndex(of: ":") {
                result = String(rest[..<colon]) + ":****"
                rest = rest[at...]
            }
        }
        result += rest
        var words: [String] = []
        for word in result.split(separator: " ", omittingEmptySubsequences: false) {
            words.append(word.lowercased().hasPrefix("password=") ? "password=****" : String(word))
        }
        return words.joined(separator: " ")
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and newlines.
    func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
