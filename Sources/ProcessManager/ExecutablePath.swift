#if canImport(Glibc)
    import Glibc
#endif

/// The path of the running executable, resolved once at start-up.
///
/// After a redeploy `/proc/self/exe` names the deleted file; resolving early and spawning by path means a
/// reload starts the binary that is installed now.
public enum ExecutablePath {
    /// Resolves `/proc/self/exe` (falling back to `argv[0]`).
    public static func resolve(argv0: String) -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        if length > 0 {
            let bytes = buffer[0..<length].map { UInt8(bitPattern: $0) }
            let path = String(decoding: bytes, as: UTF8.self)
            if !path.hasSuffix(" (deleted)") { return path }
        }
        return argv0
    }
}
