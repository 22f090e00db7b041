import Foundation
import TestSupport
import Testing

@testable import Web

@Suite struct ZipArchiveTests {
    @Test func crc32OfKnownInput() {
        #expect(ZipArchive.crc32(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(ZipArchive.crc32([]) == 0)
    }

    /// The archive is read back by Python's zipfile (an independent reader), contents byte-equal.
    @Test func pythonReadsItBack() throws {
        var zip = ZipArchive()
        zip.add(name: "CZ-2026-000001.xml", content: Array("<x>ä</x>".utf8), year: 2026, month: 3, day: 2)
        zip.add(
            name: "pdf/CZ-2026-000001.pdf", content: [0x25, 0x50, 0x44, 0x46, 0x00, 0xFF], year: 2026, month: 3, day: 2)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("ziptest-\(getpid()).zip")
        try Data(zip.archive).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [
            "-c",
            "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; "
                + "print(z.namelist()); print(z.read('CZ-2026-000001.xml').decode()); "
                + "print(list(z.read('pdf/CZ-2026-000001.pdf'))); print(z.getinfo('CZ-2026-000001.xml').date_time)",
            file.path,
        ]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readToEndResumingInterrupts(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(output)")
        #expect(
            output == "['CZ-2026-000001.xml', 'pdf/CZ-2026-000001.pdf']\n<x>ä</x>\n[37, 80, 68, 70, 0, 255]\n"
                + "(2026, 3, 2, 0, 0, 0)\n")
    }
}
