import Foundation
import TestSupport
import Testing

@testable import Pages

/// The QR encoder: Reed–Solomon against known values, the version choice, and real decoding of what it draws
/// by zbar's `zbarimg` (Debian `zbar-tools`, installed by scripts/deps.sh for `make test`).
@Suite struct QRCodeTests {
    @Test func reedSolomonMatchesTheStandardsExample() {
        // ISO/IEC 18004 annex I: "01234567" in version 1-M; its data codewords and 10 EC codewords.
        let data: [UInt8] = [
            0x10, 0x20, 0x0C, 0x56, 0x61, 0x80, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11,
        ]
        let ecc = ReedSolomon.remainder(data, divisor: ReedSolomon.divisor(degree: 10))
        #expect(ecc == [0xA5, 0x24, 0xD4, 0xC1, 0xED, 0x36, 0xC7, 0x87, 0x2C, 0x55])
    }

    @Test(arguments: [
        (String(repeating: "a", count: 14), 1), (String(repeating: "a", count: 15), 2),
        (String(repeating: "a", count: 152), 8), (String(repeating: "a", count: 213), 10),
    ])
    func theSmallestVersionThatFitsIsChosen(text: String, version: Int) throws {
        let code = try #require(QRCode(text))
        #expect(code.version == version)
        #expect(code.size == 17 + 4 * version)
    }

    @Test func tooLongATextHasNoCode() {
        #expect(QRCode(String(repeating: "x", count: 2332)) == nil)
        #expect(QRCode(String(repeating: "x", count: 2331)) != nil)
    }

    @Test func theSVGHasTheQuietZoneAndNoText() throws {
        let code = try #require(QRCode("otpauth://totp/x"))
        let svg = code.svg(moduleSize: 3)
        #expect(
            svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(code.size + 8) \(code.size + 8)\"")
        )
        #expect(!svg.contains("otpauth"))
    }

    @Test(arguments: [
        "otpauth://totp/Code%20Zero:ops@codezero.example?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Code%20Zero"
            + "&algorithm=SHA1&digits=6&period=30",
        "HELLO", String(repeating: "Grüße aus Köln – ", count: 12), String(repeating: "0123456789", count: 60),
    ])
    func zbarDecodesWhatWeDraw(text: String) throws {
        guard
            let zbarimg = ["/usr/bin/zbarimg", "/usr/local/bin/zbarimg"].first(where: {
                FileManager.default.isExecutableFile(atPath: $0)
            })
        else {
            Issue.record("zbarimg (Debian zbar-tools, scripts/deps.sh) is missing")
            return
        }
        let code = try #require(QRCode(text))
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("qr-\(UUID().uuidString).pbm")
        try code.pbm(scale: 4).write(to: file, atomically: true, encoding: .ascii)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: zbarimg)
        process.arguments = ["--quiet", "--raw", "-Sbinary", file.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readToEndResumingInterrupts()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        var decoded = String(decoding: data, as: UTF8.self)
        if decoded.hasSuffix("\n") { decoded.removeLast() }
        #expect(decoded == text)
    }
}
