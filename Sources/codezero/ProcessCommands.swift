import App
import ArgumentParser

/// `codezero serve`.
struct Serve: InvocationCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the FastCGI pool (master + workers) on the unix socket.")

    var invocation: Invocation { .serve }
}

/// `codezero worker`.
struct Worker: InvocationCommand {
    static let configuration = CommandConfiguration(
        abstract: "One pool worker on the socket inherited as fd 0 (started by serve; internal).")

    var invocation: Invocation { .worker }
}

/// `codezero jobs`.
struct Jobs: InvocationCommand {
    static let configuration = CommandConfiguration(
        abstract: "The background jobs process (Stripe events, fulfilment, mail, invoices, reconciliation).")

    var invocation: Invocation { .jobs }
}

/// `codezero check-config`.
struct CheckConfig: InvocationCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-config",
        abstract: "Validate the configuration and print it with secrets masked (exit 78 when invalid).")

    var invocation: Invocation { .checkConfig }
}
