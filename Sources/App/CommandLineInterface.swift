import Foundation
import Settings

/// Runs one parsed `codezero` command line (an ``Invocation``) and returns the process exit status.
///
/// Exit statuses follow `sysexits.h` where systemd and operators care: 64 usage, 69 unavailable
/// (database), 70 internal, 78 configuration. Parsing the arguments, help and usage errors are the
/// `codezero` executable's (swift-argument-parser).
public enum CommandLineInterface {
    /// Loads the configuration from the process environment (the one read of it) and runs `invocation`.
    public static func run(_ invocation: Invocation) -> Int32 {
        run(
            invocation, environment: Configuration.processEnvironment(),
            workingDirectory: FileManager.default.currentDirectoryPath)
    }

    /// Loads the configuration from `environment` and runs `invocation`; 78 when the configuration is invalid.
    static func run(_ invocation: Invocation, environment: [String: String], workingDirectory: String) -> Int32 {
        let configuration: Configuration
        do {
            configuration = try Configuration.load(environment: environment, workingDirectory: workingDirectory)
        } catch {
            if invocation == .checkConfig { return CheckConfigCommand.report(error) }
            Console.err("codezero: invalid configuration:")
            for problem in error.problems { Console.err("  \(problem.key): \(problem.message)") }
            return 78
        }
        LogSetup.bootstrap(level: configuration.logLevel)
        switch invocation {
        case .serve: return ServeCommand.run(configuration: configuration, environment: environment)
        case .worker: return WorkerCommand.run(configuration: configuration)
        case .jobs: return JobsCommand.run(configuration: configuration)
        case .trigger(let trigger): return TriggerCommand.run(configuration: configuration, trigger: trigger)
        case .migrate(let mode): return MigrateCommand.run(configuration: configuration, mode: mode)
        case .database(let action): return DatabaseCommand.run(configuration: configuration, action: action)
        case .checkConfig: return CheckConfigCommand.run(configuration: configuration)
        case .status(let format, let full):
            return StatusCommand.run(configuration: configuration, format: format, full: full)
        case .createUser(let role, let email):
            return UserCommand.run(configuration: configuration, role: role, email: email, environment: environment)
        case .billingRun(let asOf): return BillingCommand.run(configuration: configuration, asOf: asOf)
        }
    }
}
