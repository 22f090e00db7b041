import Foundation
import Web

/// The parameter list of `POST /v1/checkout/sessions` (`checkout_session_param_paths.json`) and the
/// check of a form key against it, as `check_params.py` does it: `[digits]` → `[]`, and the key after a
/// map-typed parent (`metadata[...]`) → `[<key>]`.
public struct StripeStandInParameters: Sendable {
    /// Normalised path → type summary (`string`, `integer`, `boolean`, `enum(a|b)`, ...).
    public let paths: [String: String]
    /// The API version the list belongs to.
    public let apiVersion: String
    private let mapParents: [String]

    /// The list from a `checkout_session_param_paths.json` file.
    public init(contentsOf path: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let json = try JSON.parse([UInt8](data))
        guard let object = json["paths"]?.objectValue else { throw TestSupportError("\(path): no paths object") }
        var paths: [String: String] = [:]
        for member in object { paths[member.key] = member.value.stringValue ?? "" }
        self.paths = paths
        apiVersion = json["api_version"]?.stringValue ?? ""
        mapParents = paths.keys.filter { $0.hasSuffix("[<key>]") }.map { String($0.dropLast("[<key>]".count)) }
            .sorted { $0.count > $1.count }
    }

    /// A list from its normalised paths.
    public init(paths: [String: String], apiVersion: String) {
        self.paths = paths
        self.apiVersion = apiVersion
        mapParents = paths.keys.filter { $0.hasSuffix("[<key>]") }.map { String($0.dropLast("[<key>]".count)) }
            .sorted { $0.count > $1.count }
    }

    /// The lists of the other calls (`POST /v1/customers`, `POST /v1/payment_intents`, ...) from the copy of
    /// `more_param_paths.json` kept with the Stripe tests, by `"METHOD /path"`.
    public static func bundledCalls() throws -> [String: StripeStandInParameters] {
        let data = try Data(contentsOf: URL(fileURLWithPath: fixturePath("more_param_paths.json")))
        let json = try JSON.parse([UInt8](data))
        guard let calls = json["calls"]?.objectValue else { throw TestSupportError("more_param_paths.json: no calls") }
        let version = json["api_version"]?.stringValue ?? ""
        var lists: [String: StripeStandInParameters] = [:]
        for call in calls {
            var paths: [String: String] = [:]
            for member in call.value["paths"]?.objectValue ?? [:] { paths[member.key] = member.value.stringValue ?? "" }
            lists[call.key] = StripeStandInParameters(paths: paths, apiVersion: version)
        }
        return lists
    }

    /// The copy kept with the Stripe tests (`Tests/StripeTests/Fixtures/checkout_session_param_paths.json`).
    public static func bundled() throws -> StripeStandInParameters {
        try StripeStandInParameters(contentsOf: fixturePath("checkout_session_param_paths.json"))
    }

    /// The path of a file in `Tests/StripeTests/Fixtures`.
    public static func fixturePath(_ name: String, filePath: String = #filePath) -> String {
        URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("StripeTests/Fixtures/\(name)").path
    }

    /// The list entry a concrete form key falls under.
    public func normalise(_ key: String) -> String {
        var normalised = ""
        var index = key.startIndex
        while index < key.endIndex {
            if key[index] == "[", let close = key[index...].firstIndex(of: "]"),
                key[key.index(after: index)..<close].allSatisfy(\.isASCIIDigitCharacter),
                key.index(after: index) < close
            {
                normalised += "[]"
                index = key.index(after: close)
            } else {
                normalised.append(key[index])
                index = key.index(after: index)
            }
        }
        for parent in mapParents where normalised.hasPrefix(parent + "[") {
            let rest = normalised.dropFirst(parent.count)
            guard let close = rest.firstIndex(of: "]") else { break }
            return parent + "[<key>]" + rest[rest.index(after: close)...]
        }
        return normalised
    }

    /// The type summary of `key`, or `nil` when Stripe would answer `parameter_unknown`.
    public func type(of key: String) -> String? {
        paths[normalise(key)]
    }
}

extension Character {
    fileprivate var isASCIIDigitCharacter: Bool { isASCII && isNumber }
}
