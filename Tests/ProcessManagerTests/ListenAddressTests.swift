import SystemCalls
import Testing

@testable import ProcessManager

#if canImport(Glibc)
    import Glibc
#endif

/// `CODEZERO_LISTEN`: numeric host and port, private addresses told apart from public ones, a real TCP bind.
@Suite struct ListenAddressTests {
    @Test(arguments: [
        ("127.0.0.1:9000", true), ("10.1.2.3:9000", true), ("172.16.0.1:1", true), ("172.31.255.255:65535", true),
        ("192.168.10.5:9000", true), ("100.64.0.1:9000", true), ("169.254.1.1:9000", true), ("[::1]:9000", true),
        ("[fd12:3456::5]:9000", true), ("[fe80::1]:9000", true), ("172.32.0.1:9000", false),
        ("8.8.8.8:9000", false), ("0.0.0.0:9000", false), ("[::]:9000", false), ("[2001:db8::1]:9000", false),
        ("100.128.0.1:9000", false),
    ])
    func privateAddressesAreToldApart(text: String, isPrivate: Bool) throws {
        let address = try #require(ListenAddress(text))
        #expect(address.isPrivate == isPrivate)
        #expect(address.description == text)
    }

    @Test(arguments: [
        "", "127.0.0.1", "127.0.0.1:", "127.0.0.1:0", "127.0.0.1:65536", "localhost:9000", "::1:9000", "[::1]9000",
        "127.0.0.1:90a", "1.2.3:9000", " 127.0.0.1:9000", "[127.0.0.1]:9000x",
    ])
    func malformedAddressesAreRefused(text: String) {
        #expect(ListenAddress(text) == nil)
    }

    @Test func aTCPSocketIsBoundAndAcceptsConnections() throws {
        // Port 0 is refused by the parser (a configuration names its port): bind a port the kernel found free. Another
        // process (the end-to-end suite runs beside these tests) may take it between the probe and the bind, so a
        // port found taken is replaced by a new one.
        var address = sockaddr_in()
        var listening: ListeningSocket?
        for _ in 0..<20 where listening == nil {
            let probe = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            _ = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.bind(probe, $0, length) }
            }
            _ = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(probe, $0, &length) }
            }
            let port = UInt16(bigEndian: address.sin_port)
            close(probe)
            do {
                listening = try ListeningSocket.bind(
                    tcp: try #require(ListenAddress("127.0.0.1:\(port)")), backlog: 8)
            } catch let error as SystemError where error.errno == EADDRINUSE {
                continue
            }
        }
        let bound = try #require(listening)
        defer { bound.close() }
        let client = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(client) }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(client, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        #expect(connected == 0)
        #expect(bound.path == nil)
    }
}
