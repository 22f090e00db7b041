import ProcessManager

/// `codezero check-config`: validates the whole configuration, like `php-fpm -t`, and prints the
/// effective values with secrets masked. Exit 0 when valid, 78 (EX_CONFIG) otherwise.
enum CheckConfigCommand {
    static func run(configuration: Configuration) -> Int32 {
        let pool: PoolConfiguration
        do {
            pool = try PoolSetup.load(configuration, environment: Configuration.processEnvironment())
        } catch {
            for problem in error.problems {
                Console.err("codezero: \(problem.key): \(problem.message)")
            }
            Console.err("codezero: configuration is invalid (\(error.problems.count) problem(s))")
            return 78
        }
        let general = configuration.effectiveSettings()
        let known = Set(general.map(\.key))
        for (key, value) in general + pool.effectiveSettings.filter({ !known.contains($0.key) }) {
            Console.out("\(key)=\(value)")
        }
        Console.err("codezero: configuration is valid")
        return 0
    }

    static func report(_ error: ConfigurationError) -> Int32 {
        var problems = error.problems.map { ($0.key, $0.message) }
        do {
            _ = try PoolConfiguration.load(environment: Configuration.processEnvironment())
        } catch {
            let known = Set(problems.map(\.0))
            problems += error.problems.filter { !known.contains($0.key) }.map { ($0.key, $0.message) }
        }
        for (key, message) in problems {
            Console.err("codezero: \(key): \(message)")
        }
        Console.err("codezero: configuration is invalid (\(problems.count) problem(s))")
        return 78
    }
}
