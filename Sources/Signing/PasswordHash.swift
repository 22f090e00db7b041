/// Password hashes with scrypt, stored as self-describing strings:
/// `scrypt$ln=17$r=8$p=1$<salt>$<hash>` (salt and hash in base64 without padding).
///
/// The parameters travel with the hash, so they can be raised later: check ``needsRehash(_:parameters:)``
/// after a successful login and store a fresh hash. Passwords are used as their UTF-8 bytes, without
/// Unicode normalisation.
public enum PasswordHash {
    /// scrypt cost parameters.
    public struct Parameters: Sendable, Equatable {
        /// log2 of the cost N.
        public var logN: Int
        /// The block size r.
        public var r: Int
        /// The parallelism p.
        public var p: Int

        /// Parameters with the given values.
        public init(logN: Int, r: Int, p: Int) {
            self.logN = logN
            self.r = r
            self.p = p
        }

        /// N = 2^17, r = 8, p = 1 (OWASP's recommendation): 128 MiB and a few hundred milliseconds per
        /// hash.
        public static let `default` = Parameters(logN: 17, r: 8, p: 1)

        /// Whether verification will accept these parameters: ln 1...20, r 1...32, p 1...16 and at most
        /// 1 GiB of memory, so a tampered hash cannot make the server exhaust itself.
        public var isAcceptable: Bool {
            (1...20).contains(logN) && (1...32).contains(r) && (1...16).contains(p)
                && (128 << logN) * r <= 1 << 30
        }
    }

    static let saltLength = 16
    static let hashLength = 32

    /// A fresh hash of `password` with a random 16-byte salt.
    ///
    /// - Throws: ``SigningError`` when the parameters are unacceptable or scrypt fails (out of memory).
    public static func hash(password: String, parameters: Parameters = .default) throws(SigningError) -> String {
        guard parameters.isAcceptable else { throw .invalidParameters("scrypt parameters out of range") }
        let salt = SecureRandom.bytes(count: saltLength)
        let derived = try derive(password: password, salt: salt, parameters: parameters, length: hashLength)
        return "scrypt$ln=\(parameters.logN)$r=\(parameters.r)$p=\(parameters.p)$"
            + Base64.encode(salt, padding: false) + "$" + Base64.encode(derived, padding: false)
    }

    /// Whether `password` matches `encoded`, comparing in constant time. A malformed string or
    /// unacceptable parameters give `false`.
    public static func verify(password: String, against encoded: String) -> Bool {
        guard let stored = Stored(encoded),
            let derived = try? derive(
                password: password, salt: stored.salt, parameters: stored.parameters, length: stored.hash.count)
        else { return false }
        return constantTimeEquals(derived, stored.hash)
    }

    /// Whether `encoded` is malformed or uses parameters other than `parameters`.
    public static func needsRehash(_ encoded: String, parameters: Parameters = .default) -> Bool {
        Stored(encoded)?.parameters != parameters
    }

    private static func derive(
        password: String, salt: [UInt8], parameters: Parameters, length: Int
    ) throws(SigningError) -> [UInt8] {
        try Scrypt.derive(
            password: Array(password.utf8), salt: salt, n: 1 << UInt64(parameters.logN), r: UInt64(parameters.r),
            p: UInt64(parameters.p), length: length)
    }

    /// A parsed hash string.
    struct Stored {
        var parameters: Parameters
        var salt: [UInt8]
        var hash: [UInt8]

        init?(_ encoded: String) {
            let parts = encoded.split(separator: "$", omittingEmptySubsequences: false)
            guard parts.count == 6, parts[0] == "scrypt",
                let logN = Stored.number(parts[1], "ln="), let r = Stored.number(parts[2], "r="),
                let p = Stored.number(parts[3], "p="),
                let salt = Base64.decode(String(parts[4])), let hash = Base64.decode(String(parts[5])),
                (8...64).contains(salt.count), (16...64).contains(hash.count)
            else { return nil }
            parameters = Parameters(logN: logN, r: r, p: p)
            guard parameters.isAcceptable else { return nil }
            self.salt = salt
            self.hash = hash
        }

        private static func number(_ part: Substring, _ prefix: String) -> Int? {
            guard part.hasPrefix(prefix) else { return nil }
            let digits = part.dropFirst(prefix.count)
            guard (1...3).contains(digits.count), digits.allSatisfy({ $0 >= "0" && $0 <= "9" }), digits.first != "0"
            else {
                return nil
            }
            return Int(digits)
        }
    }
}
