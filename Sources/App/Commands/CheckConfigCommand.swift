import Settings

/// `codezero check-config`: validates the whole configuration, like `php-fpm -t`, and prints the
/// effective values with secrets masked. Exit 0 when valid, 78 (EX_CONFIG) otherwise.
enum CheckConfigCommand {
    static func run(configuration: Configuration) -> Int32 {
        for (key, value) in configuration.effectiveSettings() {
            Console.out("\(key)=\(value)")
        }
        Console.err("codezero: configuration is valid")
        return 0
    }

    static func report(_ error: ConfigurationError) -> Int32 {
        for problem in error.problems {
            Console.err("codezero: \(problem.key): \(problem.message)")
        }
        Console.err("codezero: configuration is invalid (\(error.problems.count) problem(s))")
        return 78
    }
}
