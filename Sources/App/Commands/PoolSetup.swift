import Logging
import ProcessManager

/// The pool's settings (`CODEZERO_PM*`, timeouts, scoreboard), read with the same environment as
/// ``Configuration`` and with the scoreboard under its absolute `CODEZERO_VAR`.
enum PoolSetup {
    /// Loads and validates the pool configuration; the error lists every problem with its key.
    static func load(
        _ configuration: Configuration, environment: [String: String]
    ) throws(PoolConfigurationError)
        -> PoolConfiguration
    {
        var environment = environment
        environment["CODEZERO_VAR"] = configuration.varDirectory
        if environment["CODEZERO_STOP_TIMEOUT"] == nil {
            environment["CODEZERO_STOP_TIMEOUT"] = "\(configuration.stopTimeout)"
        }
        return try PoolConfiguration.load(environment: environment)
    }

    /// Like ``load(_:environment:)``, logging the problems and returning nil when invalid.
    static func configuration(
        _ configuration: Configuration, environment: [String: String], logger: Logger
    )
        -> PoolConfiguration?
    {
        do {
            return try load(configuration, environment: environment)
        } catch {
            for problem in error.problems {
                logger.critical(
                    "invalid pool configuration", metadata: ["key": "\(problem.key)", "problem": "\(problem.message)"])
            }
            return nil
        }
    }
}
