import ProcessManager

#if canImport(Glibc)
    import Glibc
#endif

/// `codezero status [--json] [--full] [--openmetrics]`: the pool's status page, read straight from the
/// master's scoreboard (no HTTP, works while nginx is down). Exit 69 when no pool is running.
enum StatusCommand {
    static func run(configuration: Configuration, format: StatusPage.Format, full: Bool) -> Int32 {
        let pool = configuration.pool
        do {
            let scoreboard = try Scoreboard.open(path: pool.scoreboardPath)
            let status = scoreboard.snapshot()
            guard status.masterPID > 0, kill(status.masterPID, 0) == 0 || errno == EPERM else {
                Console.err("codezero: the pool is not running (master \(status.masterPID) is gone)")
                return 69
            }
            let body = StatusPage.render(status, format: format, full: full)
            Console.out(body.hasSuffix("\n") ? String(body.dropLast()) : body)
            return 0
        } catch {
            Console.err("codezero: no pool scoreboard at \(pool.scoreboardPath): \(error)")
            return 69
        }
    }
}
