import App
import ArgumentParser

/// A subcommand that parses into one ``Invocation`` and lets App run it.
protocol InvocationCommand: ParsableCommand {
    /// What the parsed arguments ask for.
    var invocation: Invocation { get }
}

extension InvocationCommand {
    /// Runs the invocation; a non-zero status becomes the process exit status.
    func run() throws {
        let status = CommandLineInterface.run(invocation)
        if status != 0 { throw ExitCode(status) }
    }
}

/// A subcommand that only groups others (`db`, `user`, `billing`): alone it is a usage error.
protocol CommandGroup: ParsableCommand {}

extension CommandGroup {
    /// Without one of its subcommands: a usage error (64).
    func run() throws {
        throw ValidationError("missing subcommand")
    }
}
