import Domain
import ProcessManager
import Settings

#if canImport(Glibc)
    import Glibc
#endif

extension Configuration {
    /// The variables this configuration reads (the pool's and mail's included), in the order
    /// ``effectiveSettings()`` lists them, for `check-config` and the README. The master's per-worker variables
    /// are internal and not listed.
    public static var environmentKeys: [String] { Configuration().effectiveSettings().map(\.key) }

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

    /// Loads and validates a configuration, the pool's settings included, with one reader and one grammar
    /// (``SettingsReader``); throws one error listing every problem, production requirements included.
    ///
    /// Relative paths are made absolute against `workingDirectory` so that workers and the master agree.
    public static func load(
        environment: [String: String], workingDirectory: String
    ) throws(ConfigurationError)
        -> Configuration
    {
        var reader = SettingsReader(environment: environment)
        func absolute(_ path: String) -> String {
            path.hasPrefix("/")
                ? path : "\(workingDirectory)/\(path.hasPrefix("./") ? String(path.dropFirst(2)) : path)"
        }

        let deployment = reader.choice("CODEZERO_ENV", default: DeploymentEnvironment.production)
        let varDirectory = absolute(reader.text("CODEZERO_VAR") ?? "./var")
        let httpsPort = reader.integer("CODEZERO_HTTPS_PORT", default: 8443, in: 1...65535)
        let httpPort = reader.integer("CODEZERO_HTTP_PORT", default: 8080, in: 1...65535)
        if reader.isSet("CODEZERO_HTTPS_PORT") || reader.isSet("CODEZERO_HTTP_PORT"), httpsPort == httpPort {
            reader.problem("CODEZERO_HTTP_PORT", "must differ from CODEZERO_HTTPS_PORT")
        }
        let publicURL = reader.text("CODEZERO_PUBLIC_URL").map { url -> String in
            var url = url
            while url.hasSuffix("/") { url.removeLast() }
            return url
        }
        if let publicURL, !(publicURL.hasPrefix("https://") || publicURL.hasPrefix("http://")) {
            reader.problem("CODEZERO_PUBLIC_URL", "must be an absolute http(s) URL")
        }
        let socketPath = reader.text("CODEZERO_SOCKET").map(absolute) ?? "\(varDirectory)/run/codezero.sock"
        if socketPath.utf8.count >= 108 {
            reader.problem("CODEZERO_SOCKET", "path is longer than a unix socket allows (107 bytes)")
        }
        let logLevel = reader.text("CODEZERO_LOG_LEVEL")?.lowercased() ?? "info"
        if !["trace", "debug", "info", "notice", "warning", "error", "critical"].contains(logLevel) {
            reader.problem("CODEZERO_LOG_LEVEL", "must be one of trace, debug, info, notice, warning, error, critical")
        }
        let stripeKey = reader.text("STRIPE_SECRET_KEY")
        if let stripeKey, !(stripeKey.hasPrefix("sk_") || stripeKey.hasPrefix("rk_")) {
            reader.problem("STRIPE_SECRET_KEY", "must start with sk_ or rk_ (value not shown)")
        }
        let stripeBase = reader.text("STRIPE_API_BASE") ?? "https://api.stripe.com"
        if !(stripeBase.hasPrefix("https://") || stripeBase.hasPrefix("http://127.0.0.1")
            || stripeBase.hasPrefix("http://localhost"))
        {
            reader.problem("STRIPE_API_BASE", "must be https (plain http only for loopback test servers)")
        }
        let secrets = (reader.text("STRIPE_WEBHOOK_SECRET") ?? "").split(separator: ",").map {
            String($0).trimmedWhitespace
        }
        .filter { !$0.isEmpty }
        if secrets.contains(where: { !$0.hasPrefix("whsec_") }) {
            reader.problem("STRIPE_WEBHOOK_SECRET", "every secret must start with whsec_ (values not shown)")
        }
        let pool = PoolConfiguration.read(from: &reader, varDirectory: varDirectory, absolute: absolute)
        let mail = MailSettings.load(from: &reader)
        let seller = loadSeller(from: &reader)
        var configuration = Configuration(
            environment: deployment,
            varDirectory: varDirectory,
            httpsPort: httpsPort,
            httpPort: httpPort,
            databaseURL: reader.text("DATABASE_URL"),
            publicURL: publicURL,
            sqlDirectory: absolute(reader.text("CODEZERO_SQL_DIR") ?? "./sql"),
            socketPath: socketPath,
            socketGroup: reader.text("CODEZERO_SOCKET_GROUP"),
            maximumBodyBytes: reader.integer("CODEZERO_MAX_BODY_BYTES", default: 1 << 20, in: 1024...(64 << 20)),
            logLevel: logLevel,
            passwordCostLogN: reader.integer("CODEZERO_SCRYPT_LOGN", default: 14, in: 10...20),
            jobLeaseSeconds: reader.integer("CODEZERO_JOB_LEASE", default: 300, in: 2...86_400),
            stripeSecretKey: stripeKey,
            stripeAPIBase: stripeBase,
            stripeWebhookSecrets: secrets,
            pool: pool,
            testRoutes: reader.flag("CODEZERO_TEST_ROUTES"),
            workerSlot: reader.text(Scoreboard.slotVariable).map { _ in
                reader.integer(Scoreboard.slotVariable, default: 0, in: 0...100_000)
            },
            workerGeneration: reader.text("CODEZERO_GENERATION").map { _ in
                reader.integer("CODEZERO_GENERATION", default: 0, in: 0...Int(Int32.max))
            },
            mail: mail,
            seller: seller
        )
        configuration.datev = loadDATEV(from: &reader)
        configuration.listen = loadListen(from: &reader)
        configuration.accountWriteLimit = reader.integer(
            "CODEZERO_ACCOUNT_WRITE_LIMIT", default: RateLimit.accountWrites.limit, in: 1...10_000_000)
        configuration.jobsNice = reader.integer("CODEZERO_JOBS_NICE", default: 10, in: 0...19)
        let problems = reader.problems + configuration.productionProblems()
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
        let general: [(key: String, value: String)] = [
            ("CODEZERO_ENV", environment.rawValue),
            ("CODEZERO_VAR", varDirectory),
            ("CODEZERO_WORKERS", "\(workers)"),
            ("CODEZERO_HTTPS_PORT", "\(httpsPort)"),
            ("CODEZERO_HTTP_PORT", "\(httpPort)"),
            ("DATABASE_URL", databaseURL.map(Self.maskPassword) ?? "(embedded cluster in \(embeddedClusterDirectory))"),
            ("CODEZERO_PUBLIC_URL", publicURL),
            ("CODEZERO_SQL_DIR", sqlDirectory),
            ("CODEZERO_SOCKET", socketPath),
            ("CODEZERO_SOCKET_GROUP", socketGroup ?? "(unset)"),
            ("CODEZERO_MAX_BODY_BYTES", "\(maximumBodyBytes)"),
            ("CODEZERO_LOG_LEVEL", logLevel),
            ("CODEZERO_SCRYPT_LOGN", "\(passwordCostLogN)"),
            ("CODEZERO_JOB_LEASE", "\(jobLeaseSeconds)"),
            ("STRIPE_SECRET_KEY", stripeSecretKey == nil ? "(unset: mock mode)" : mask(stripeSecretKey)),
            ("STRIPE_API_BASE", stripeAPIBase),
            (
                "STRIPE_WEBHOOK_SECRET",
                stripeWebhookSecrets.isEmpty ? "(unset)" : stripeWebhookSecrets.map { mask($0) }.joined(separator: ",")
            ),
            ("CODEZERO_TEST_ROUTES", testRoutes ? "1" : "0"),
            ("CODEZERO_ACCOUNT_WRITE_LIMIT", "\(accountWriteLimit)"),
            ("CODEZERO_JOBS_NICE", "\(jobsNice)"),
        ]
        return general + pool.effectiveSettings + mail.effectiveSettings + sellerSettings() + datevSettings()
            + listenSettings()
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
