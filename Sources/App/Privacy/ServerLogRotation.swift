import CivilTime
import Domain
import Foundation
import Logging

/// Rotation of nginx's logs by the server-log period of ``RetentionSchedule``: daily, and a rotated file is
/// deleted once its newest line may be a period old, so no line outlives the period.
///
/// Production: `nginx/codezero-logrotate` (a test compares it with ``logrotate(logDirectory:pidFile:)``).
/// Development (`make run`, the e2e stack): the jobs process calls ``rotate(now:)`` with the retention job (hourly);
/// the files rotate after UTC midnight.
struct ServerLogRotation {
    /// The folder with `nginx-access.log` and `nginx-error.log` (`$CODEZERO_VAR/log`).
    let logDirectory: String
    /// nginx's pid file (`$CODEZERO_VAR/nginx/nginx.pid`); SIGUSR1 makes nginx reopen its logs.
    let pidFile: String

    /// The files rotated.
    static let logs = ["nginx-access.log", "nginx-error.log"]

    /// How many rotated files are kept: the period in days minus the day the current file may hold.
    static var keptFiles: Int {
        max(0, (RetentionSchedule.rule(for: .serverLogs).period.days ?? 1) - 1)
    }

    /// The logrotate(8) configuration for production.
    static func logrotate(logDirectory: String, pidFile: String) -> String {
        let days = RetentionSchedule.rule(for: .serverLogs).period.days ?? 0
        return """
            # Code Zero: nginx's logs, rotated daily and deleted after \(days) days (Domain.RetentionSchedule,
            # data class server_logs). GENERATED: a test compares this file with ServerLogRotation.logrotate; change
            # the period in the retention table, not here. Install as /etc/logrotate.d/codezero-nginx.
            \(logs.map { "\(logDirectory)/\($0)" }.joined(separator: " ")) {
                daily
                rotate \(keptFiles)
                maxage \(keptFiles)
                missingok
                notifempty
                nocompress
                dateext
                sharedscripts
                postrotate
                    [ ! -f \(pidFile) ] || kill -USR1 "$(cat \(pidFile))"
                endscript
            }

            """
    }

    /// Where the start of the current files is kept (`YYYYMMDD-HHMMSS`): written when none is known, so a fresh
    /// folder starts counting now instead of rotating at once.
    var stateFile: String { logDirectory + "/.rotation-start" }

    /// Rotates the logs once the current files began on an earlier UTC day (when not empty), and deletes rotated
    /// files whose rotation lies `keptFiles` days or more before `now`. Returns (rotated, deleted).
    @discardableResult
    func rotate(now: Date) throws -> (rotated: Int, deleted: Int) {
        let files = FileManager.default
        let stamp = Self.stamp(now)
        var rotated = 0
        var deleted = 0
        let started = (try? String(contentsOfFile: stateFile, encoding: .utf8))
            .map { $0.trimmedWhitespace }
        guard let started, Self.date(started) != nil else {
            try stamp.write(toFile: stateFile, atomically: true, encoding: .utf8)
            return (0, 0)
        }
        let due = started.prefix(8) < stamp.prefix(8)
        let existing = (try? files.contentsOfDirectory(atPath: logDirectory)) ?? []
        for log in Self.logs {
            let path = logDirectory + "/" + log
            let size = (try? files.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            if due && size > 0 {
                try files.moveItem(atPath: path, toPath: path + "-" + stamp)
                rotated += 1
            }
            let cutoff = now.addingTimeInterval(-Double(Self.keptFiles) * 86_400)
            for name in existing where name.hasPrefix(log + "-") {
                guard let at = Self.date(String(name.dropFirst(log.count + 1))), at <= cutoff else { continue }
                try files.removeItem(atPath: logDirectory + "/" + name)
                deleted += 1
            }
        }
        if due { try stamp.write(toFile: stateFile, atomically: true, encoding: .utf8) }
        if rotated > 0, let text = try? String(contentsOfFile: pidFile, encoding: .utf8),
            let pid = Int32(text.trimmedWhitespace), pid > 1
        {
            kill(pid, SIGUSR1)
        }
        return (rotated, deleted)
    }

    /// `YYYYMMDD-HHMMSS` in UTC (`CivilFormat.logFileStamp`).
    static func stamp(_ date: Date) -> String {
        CivilFormat.logFileStamp(seconds: Int64(date.timeIntervalSince1970.rounded(.down)))
    }

    /// The moment a ``stamp(_:)`` text names, or nil when the text is not one.
    static func date(_ stamp: String) -> Date? {
        CivilFormat.seconds(logFileStamp: stamp).map { Date(timeIntervalSince1970: TimeInterval($0)) }
    }
}

extension ServerLogRotation {
    /// The development stack's rotation of `varDirectory/log` (the jobs process, hourly); a failure is logged,
    /// never fatal to the retention job.
    static func development(varDirectory: String, logger: Logger, now: Date) {
        let rotation = ServerLogRotation(
            logDirectory: varDirectory + "/log", pidFile: varDirectory + "/nginx/nginx.pid")
        do {
            let (rotated, deleted) = try rotation.rotate(now: now)
            if rotated + deleted > 0 {
                logger.info(
                    "server logs rotated", metadata: ["logs.rotated": "\(rotated)", "logs.deleted": "\(deleted)"])
            }
        } catch {
            logger.warning("server log rotation failed", metadata: ["error": "\(error)"])
        }
    }
}
