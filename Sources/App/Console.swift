#if canImport(Glibc)
    import Glibc
#endif

/// Writes whole lines to the process's standard streams without touching C's `FILE*` globals.
public enum Console {
    /// Writes `text` plus a newline to standard output.
    public static func out(_ text: String) { write(fd: 1, text + "\n") }
    /// Writes `text` plus a newline to standard error.
    public static func err(_ text: String) { write(fd: 2, text + "\n") }

    static func write(fd: Int32, _ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += n
        }
        bytes.removeAll()
    }
}
