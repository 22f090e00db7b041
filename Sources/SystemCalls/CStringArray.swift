#if canImport(Glibc)
    internal import Glibc
#elseif canImport(Darwin)
    internal import Darwin
#endif

/// C strings copied with strdup for a C call that takes `char *const *` (libpq, `posix_spawn`); freed on deinit.
public final class CStringArray {
    private let owned: [UnsafeMutablePointer<CChar>?]
    /// The pointers, in order (nil entries stay nil), optionally followed by a terminating nil.
    public let pointers: [UnsafePointer<CChar>?]

    /// Copies `strings` (nil entries stay nil), appending a terminating nil when `nilTerminated`.
    public init(_ strings: [String?], nilTerminated: Bool = false) {
        owned = strings.map { string in string.map { strdup($0) } }
        var pointers = owned.map { UnsafePointer($0) }
        if nilTerminated { pointers.append(nil) }
        self.pointers = pointers
    }

    deinit {
        for pointer in owned { free(pointer) }
    }
}
