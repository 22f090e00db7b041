import Foundation

/// The PDF renderer process: `scripts/invoice-pdf.py --serve` in the venv `scripts/invoice-tools.sh` installs,
/// run under `nice` so that rendering yields the CPU to the web workers. One request at a time; started on
/// first use and restarted after it dies. HTML and XML in, a ZUGFeRD/Factur-X EN 16931 PDF/A-3b out.
final class InvoicePDFRenderer {
    /// Why a PDF could not be rendered.
    struct Failure: Error, CustomStringConvertible {
        /// What went wrong (no document content).
        let description: String
    }

    private let python: String
    private let script: String
    private let niceness: Int
    private var process: Process?
    private var input: FileHandle?
    private var output: FileHandle?

    /// A renderer using the venv and script under `root` (the project directory), at `niceness` (0...19).
    init(root: String, niceness: Int = 10) {
        self.python = "\(root)/var/invoice-pdf/bin/python"
        self.script = "\(root)/scripts/invoice-pdf.py"
        self.niceness = niceness
    }

    deinit { stop() }

    /// The project directory holding `scripts/invoice-pdf.py` and `var/invoice-pdf`: `CODEZERO_ROOT` when set, else
    /// the working directory when it has the script, else the nearest parent of the executable that has it.
    static func projectRoot() -> String {
        let environment = ProcessInfo.processInfo.environment
        if let root = environment["CODEZERO_ROOT"], !root.isEmpty { return root }
        let fileManager = FileManager.default
        let working = fileManager.currentDirectoryPath
        if fileManager.fileExists(atPath: "\(working)/scripts/invoice-pdf.py") { return working }
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent()
        while directory.path != "/" {
            if fileManager.fileExists(atPath: directory.appendingPathComponent("scripts/invoice-pdf.py").path) {
                return directory.path
            }
            directory.deleteLastPathComponent()
        }
        return working
    }

    /// The PDF for `html` with `xml` embedded as `factur-x.xml`.
    func render(html: String, xml: String) throws(Failure) -> [UInt8] {
        do {
            try start()
            guard let input, let output else { throw Failure(description: "renderer not running") }
            let htmlBytes = Data(html.utf8)
            let xmlBytes = Data(xml.utf8)
            try input.write(contentsOf: Data("\(htmlBytes.count) \(xmlBytes.count)\n".utf8) + htmlBytes + xmlBytes)
            let header = try readLine(output)
            let parts = header.split(separator: " ")
            guard parts.count == 2, let length = Int(parts[1]) else {
                throw Failure(description: "renderer answered '\(header.prefix(80))'")
            }
            let body = try readExactly(output, length)
            guard parts[0] == "OK" else { throw Failure(description: String(decoding: body, as: UTF8.self)) }
            return body
        } catch let failure as Failure {
            if failure.description.hasPrefix("renderer") { stop() }
            throw failure
        } catch {
            stop()
            throw Failure(description: "renderer I/O: \(error)")
        }
    }

    /// Ends the renderer process (it is started again on the next render).
    func stop() {
        try? input?.close()
        if let process, process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        process = nil
        input = nil
        output = nil
    }

    private func start() throws {
        if let process, process.isRunning { return }
        stop()
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw Failure(description: "renderer \(python) missing: run scripts/invoice-tools.sh --install")
        }
        // A renderer that dies must fail this render, not kill the jobs process with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/nice")
        process.arguments = ["-n", "\(niceness)", python, script, "--serve"]
        let stdin = Pipe()
        let stdout = Pipe()
        // Our ends of the pipes must not leak into processes spawned later (a test's PostgreSQL, the next
        // renderer): one that inherited the write end would keep a renderer alive after we are gone.
        _ = fcntl(stdin.fileHandleForWriting.fileDescriptor, F_SETFD, FD_CLOEXEC)
        _ = fcntl(stdout.fileHandleForReading.fileDescriptor, F_SETFD, FD_CLOEXEC)
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.standardError
        try process.run()
        self.process = process
        self.input = stdin.fileHandleForWriting
        self.output = stdout.fileHandleForReading
    }

    private func readLine(_ handle: FileHandle) throws -> String {
        var line: [UInt8] = []
        while true {
            let byte = try readExactly(handle, 1)
            if byte[0] == UInt8(ascii: "\n") { return String(decoding: line, as: UTF8.self) }
            line.append(byte[0])
            if line.count > 200 { throw Failure(description: "renderer sent an overlong header") }
        }
    }

    private func readExactly(_ handle: FileHandle, _ count: Int) throws -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        while bytes.count < count {
            guard let chunk = try handle.read(upToCount: count - bytes.count), !chunk.isEmpty else {
                throw Failure(description: "renderer ended")
            }
            bytes.append(contentsOf: chunk)
        }
        return bytes
    }
}
