import Domain
import Foundation
import Testing

@testable import App

/// nginx's logs follow the server-log period of the retention table, in production (logrotate) and in the
/// development stack (the jobs process).
@Suite struct ServerLogRotationTests {
    /// The committed production file is what the table generates.
    @Test func theLogrotateFileIsGeneratedFromTheTable() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let committed = try String(
            contentsOf: root.appendingPathComponent("nginx/codezero.logrotate"), encoding: .utf8)
        let generated = ServerLogRotation.logrotate(
            logDirectory: "/var/lib/codezero/log", pidFile: "/var/lib/codezero/nginx/nginx.pid")
        #expect(committed == generated, "regenerate nginx/codezero.logrotate from ServerLogRotation.logrotate")
        let days = try #require(RetentionSchedule.rule(for: .serverLogs).period.days)
        // The current file holds at most a day, the rotated ones the rest: no line outlives the period.
        #expect(generated.contains("daily") && generated.contains("rotate \(days - 1)\n"))
    }

    @Test func developmentRotationKeepsNoLineLongerThanThePeriod() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "rotation-" + String(UInt64.random(in: 0...UInt64.max), radix: 36))
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let rotation = ServerLogRotation(logDirectory: folder.path, pidFile: folder.path + "/missing.pid")
        let access = folder.appendingPathComponent("nginx-access.log")
        func write() throws { try Data("{\"line\":1}\n".utf8).write(to: access) }
        func rotated() throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
                $0.hasPrefix("nginx-access.log-")
            }
            .sorted()
        }
        let start = Date(timeIntervalSince1970: 1_795_998_000)  // 2026-11-30T00:20:00Z
        try write()
        // A fresh folder starts counting: nothing rotates before the next UTC day.
        #expect(try rotation.rotate(now: start.addingTimeInterval(-86_400)).rotated == 0)
        #expect(try rotation.rotate(now: start.addingTimeInterval(-86_400 + 3600)).rotated == 0)
        #expect(try rotation.rotate(now: start).rotated == 1)
        #expect(try rotated() == ["nginx-access.log-20261130-002000"])
        try write()
        #expect(try rotation.rotate(now: start.addingTimeInterval(3600)).rotated == 0, "once a day")
        #expect(try rotation.rotate(now: start.addingTimeInterval(86_400)).rotated == 1)
        let kept = Double(ServerLogRotation.keptFiles) * 86_400
        #expect(try rotation.rotate(now: start.addingTimeInterval(kept - 1)).deleted == 0)
        #expect(try rotation.rotate(now: start.addingTimeInterval(kept)).deleted == 1)
        #expect(try rotated() == ["nginx-access.log-20261201-002000"])
        #expect(ServerLogRotation.keptFiles + 1 == RetentionSchedule.rule(for: .serverLogs).period.days)
    }

    /// The throttles count only within their windows; the table keeps their records at least that long.
    @Test func securityCountersOutliveEveryThrottleWindow() throws {
        let kept = try #require(RetentionSchedule.rule(for: .securityCounters).period.days) * 86_400
        #expect(kept >= LoginThrottle().window)
        #expect(kept >= RateLimit.accountWrites.window && kept >= RateLimit.checkoutSessions.window)
    }
}
