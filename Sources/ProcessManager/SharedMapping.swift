internal import CLinux
import SystemCalls

#if canImport(Glibc)
    import Glibc
#endif

/// A file mapped `MAP_SHARED` into this process: the scoreboard's storage. The master creates it; workers
/// and `codezero status` map the same file, so every process sees the same bytes.
final class SharedMapping {
    let base: UnsafeMutableRawPointer
    let size: Int
    let writable: Bool

    private init(base: UnsafeMutableRawPointer, size: Int, writable: Bool) {
        self.base = base
        self.size = size
        self.writable = writable
    }

    deinit { munmap(base, size) }

    /// Creates (or truncates) `path` to `size` zero bytes and maps it read-write.
    static func create(path: String, size: Int) throws -> SharedMapping {
        let directory = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        if !directory.isEmpty { createDirectories(directory) }
        let temporary = "\(path).\(getpid())"
        let fd = Glibc.open(temporary, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o640)
        guard fd >= 0 else { throw SystemError("open", context: temporary) }
        defer { close(fd) }
        guard ftruncate(fd, off_t(size)) == 0 else {
            let error = SystemError("ftruncate", context: temporary)
            unlink(temporary)
            throw error
        }
        let mapping = try map(fd: fd, size: size, writable: true, context: temporary)
        // Renaming over the old file keeps readers of a previous master on their own copy.
        guard rename(temporary, path) == 0 else {
            let error = SystemError("rename", context: path)
            unlink(temporary)
            throw error
        }
        return mapping
    }

    /// Maps an existing file, read-write for workers or read-only for the status command.
    static func open(path: String, writable: Bool) throws -> SharedMapping {
        let fd = Glibc.open(path, (writable ? O_RDWR : O_RDONLY) | O_CLOEXEC)
        guard fd >= 0 else { throw SystemError("open", context: path) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw SystemError("fstat", context: path) }
        guard info.st_size >= ScoreboardLayout.headerSize else {
            throw SystemError("mmap", errno: EINVAL, context: "\(path) is too small for a scoreboard")
        }
        return try map(fd: fd, size: Int(info.st_size), writable: writable, context: path)
    }

    private static func map(fd: Int32, size: Int, writable: Bool, context: String) throws -> SharedMapping {
        let protection = writable ? (PROT_READ | PROT_WRITE) : PROT_READ
        guard let pointer = mmap(nil, size, protection, MAP_SHARED, fd, 0), pointer != MAP_FAILED else {
            throw SystemError("mmap", context: context)
        }
        return SharedMapping(base: pointer, size: size, writable: writable)
    }

    private static func createDirectories(_ path: String) {
        var current = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            current += "/\(component)"
            mkdir(current, 0o755)
        }
    }

    // MARK: words (8-byte aligned offsets)

    func word(_ offset: Int) -> UnsafeMutablePointer<UInt64> {
        (base + offset).assumingMemoryBound(to: UInt64.self)
    }

    func load(_ offset: Int) -> UInt64 { cz_atomic_load_relaxed(word(offset)) }

    func store(_ offset: Int, _ value: UInt64) { cz_atomic_store_relaxed(word(offset), value) }

    func add(_ offset: Int, _ value: UInt64 = 1) { _ = cz_atomic_add(word(offset), value) }

    func compareExchange(_ offset: Int, expected: UInt64, desired: UInt64) -> Bool {
        cz_atomic_cas(word(offset), expected, desired) != 0
    }

    func raiseTo(_ offset: Int, _ value: UInt64) {
        var current = load(offset)
        while value > current {
            if compareExchange(offset, expected: current, desired: value) { return }
            current = load(offset)
        }
    }

    // MARK: text fields (NUL-padded, truncated to capacity - 1 bytes)

    func writeText(_ offset: Int, capacity: Int, _ text: String) {
        var text = text
        text.withUTF8 { bytes in
            let count = min(bytes.count, capacity - 1)
            if let source = bytes.baseAddress { (base + offset).copyMemory(from: source, byteCount: count) }
            (base + offset + count).initializeMemory(as: UInt8.self, repeating: 0, count: capacity - count)
        }
    }

    func writeText(_ offset: Int, capacity: Int, bytes: UnsafeRawBufferPointer) {
        let count = min(bytes.count, capacity - 1)
        if let source = bytes.baseAddress, count > 0 { (base + offset).copyMemory(from: source, byteCount: count) }
        (base + offset + count).initializeMemory(as: UInt8.self, repeating: 0, count: capacity - count)
    }

    func readText(_ offset: Int, capacity: Int) -> String {
        let start = (base + offset).assumingMemoryBound(to: UInt8.self)
        var length = 0
        while length < capacity && start[length] != 0 { length += 1 }
        return String(decoding: UnsafeBufferPointer(start: start, count: length), as: UTF8.self)
    }

    func textEquals(_ offset: Int, capacity: Int, _ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            let count = min(bytes.count, capacity - 1)
            let start = (base + offset).assumingMemoryBound(to: UInt8.self)
            guard start[count] == 0 else { return false }
            for index in 0..<count where start[index] != bytes[index] { return false }
            return true
        }
    }

    // MARK: seqlock

    /// Starts a write of a seqlocked record at `offset` (the sequence goes odd).
    func beginWrite(_ offset: Int) {
        cz_atomic_store_relaxed(word(offset), cz_atomic_load_relaxed(word(offset)) &+ 1)
        cz_fence_release()
    }

    /// Ends a write (the sequence goes even again).
    func endWrite(_ offset: Int) {
        cz_atomic_store(word(offset), cz_atomic_load_relaxed(word(offset)) &+ 1)
    }

    /// Reads a seqlocked record consistently; after a few torn attempts returns the last one read (its
    /// writer may have been killed mid-write).
    func readConsistently<T>(_ offset: Int, _ body: () -> T) -> T {
        var result = body()
        for _ in 0..<16 {
            let before = cz_atomic_load(word(offset))
            if before & 1 == 1 { continue }
            result = body()
            cz_fence_acquire()
            if cz_atomic_load_relaxed(word(offset)) == before { return result }
        }
        return result
    }
}
