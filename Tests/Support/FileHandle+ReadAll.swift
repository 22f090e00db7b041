public import Foundation

#if canImport(Glibc)
    import Glibc
#endif

extension FileHandle {
    /// Everything up to the end of the file (a child process's output), read with `read(2)` and resumed when a
    /// signal interrupts it. Foundation's `readDataToEndOfFile()` traps on `EINTR` (a `try!` inside it); in a test
    /// process that starts and reaps many children while other tests install signal handlers, a read can be
    /// interrupted, and that trap once took a whole Swift test run down.
    public func readToEndResumingInterrupts() -> Data {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(fileDescriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                data.append(contentsOf: buffer[0..<count])
            } else if count == 0 || errno != EINTR {
                return data
            }
        }
    }
}
