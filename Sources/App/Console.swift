import SystemCalls

/// Writes whole lines to the process's standard streams without touching C's `FILE*` globals.
public enum Console {
    /// Writes `text` plus a newline to standard output.
    public static func out(_ text: String) { write(fd: 1, text + "\n") }
    /// Writes `text` plus a newline to standard error.
    public static func err(_ text: String) { write(fd: 2, text + "\n") }

    /// Writes `text` whole; a closed stream is not an error worth failing a command for.
    static func write(fd: Int32, _ text: String) {
        try? SystemCall.writeAll(fd, text.utf8)
    }
}
