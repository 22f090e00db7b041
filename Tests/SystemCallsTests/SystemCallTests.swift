import Foundation
import SystemCalls
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The system-call layer: whole writes and reads across a pipe, errno kept in the error, sleeps that a signal
/// does not cut short.
@Suite struct SystemCallTests {
    @Test func writeAllAndReadAllMoveEveryByteThroughAPipeLargerThanItsBuffer() throws {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        let (readEnd, writeEnd) = (ends[0], ends[1])
        let payload = (0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) }  // 1 MiB: many short writes
        let writer = DispatchQueue(label: "writer")
        let written = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var writeError: SystemError?
        writer.async {
            do throws(SystemError) { try SystemCall.writeAll(writeEnd, payload) } catch { writeError = error }
            close(writeEnd)
            written.signal()
        }
        let received = try SystemCall.readAll(readEnd)
        written.wait()
        close(readEnd)
        #expect(writeError == nil)
        #expect(received == payload)
    }

    @Test func aFailedCallKeepsItsNameErrnoAndContext() {
        let error = #expect(throws: SystemError.self) {
            try SystemCall.retrying("close", context: "fd -1") { close(-1) }
        }
        #expect(error == SystemError("close", errno: EBADF, context: "fd -1"))
        #expect(error?.description == "close (fd -1): \(String(cString: strerror(EBADF)))")
        #expect(throws: SystemError.self) { try SystemCall.writeAll(-1, [1, 2, 3]) }
    }

    @Test func aSignalDoesNotCutASleepShort() throws {
        // A handler without SA_RESTART: the signal interrupts nanosleep with EINTR.
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        #expect(sigaction(SIGUSR2, &action, nil) == 0)
        let sleeper = pthread_self()
        let interrupter = DispatchQueue(label: "interrupter")
        interrupter.asyncAfter(deadline: .now() + .milliseconds(50)) { pthread_kill(sleeper, SIGUSR2) }
        let start = ContinuousClock.now
        SystemCall.sleep(.milliseconds(300))
        #expect(ContinuousClock.now - start >= .milliseconds(300))
    }

    @Test func waitForExitReturnsTheChildsStatus() throws {
        var pid: pid_t = 0
        let arguments = CStringArray(["/bin/sh", "-c", "exit 7"], nilTerminated: true)
        let spawned = withExtendedLifetime(arguments) {
            posix_spawn(&pid, "/bin/sh", nil, nil, arguments.pointers.map { UnsafeMutablePointer(mutating: $0) }, nil)
        }
        #expect(spawned == 0)
        let status = try SystemCall.waitForExit(pid)
        #expect((status >> 8) & 0xff == 7)
    }
}
