import Foundation
import Logging
import Pages
import Postgres
import TestSupport
import Web

@testable import App

/// Builds an ``Application`` for in-process requests, as a worker would at start-up.
enum TestApplication {
    /// An application on `database` (default: a connection string that never reaches a server).
    static func make(
        connectionString: String = "host=/nonexistent-codezero-test port=1 dbname=none connect_timeout=1",
        configuration: Configuration = Configuration(publicURL: "https://shop.example")
    ) throws -> Application {
        var logger = Logger(label: "codezero.test")
        logger.logLevel = .critical
        let services = Services(
            configuration: configuration, database: PostgresConnection(connectionString, connectTimeout: 1),
            site: try SitePages(baseURL: configuration.publicURL), logger: logger)
        return Application(services: services)
    }

    /// CGI parameters as nginx sends them for `method` and `uri`.
    static func parameters(
        _ method: String, _ uri: String, headers: [String: String] = [:], contentType: String? = nil,
        contentLength: Int? = nil
    ) -> [String: String] {
        var parameters = [
            "REQUEST_METHOD": method, "REQUEST_URI": uri,
            "QUERY_STRING": uri.split(separator: "?").dropFirst().first.map(String.init) ?? "",
            "REQUEST_ID": "0123456789abcdef0123456789abcdef", "REMOTE_ADDR": "127.0.0.1", "HTTPS": "on",
            "SERVER_NAME": "localhost", "SERVER_PORT": "8443", "CONTENT_LENGTH": contentLength.map(String.init) ?? "",
        ]
        if let contentType { parameters["CONTENT_TYPE"] = contentType }
        for (name, value) in headers {
            parameters["HTTP_" + name.uppercased().replacingOccurrences(of: "-", with: "_")] = value
        }
        return parameters
    }

    /// The parsed JSON body of `response`.
    static func json(_ response: Response) throws -> JSON {
        try JSON.parse(response.body)
    }
}
