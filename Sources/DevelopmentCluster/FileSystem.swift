import Postgres
import SystemCalls

#if canImport(Glibc)
    internal import Glibc
#elseif canImport(Darwin)
    internal import Darwin
#endif

/// The few file-system calls the embedded cluster needs, over POSIX (no Foundation).
enum FileSystem {
    static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// Creates `path` with `mode`, and missing parents with 0755 (less the umask) so others can pass.
    static func makeDirectories(_ path: String, mode: mode_t) throws {
        var current = ""
        let components = path.split(separator: "/", omittingEmptySubsequences: true)
        for (index, component) in components.enumerated() {
            current += "/" + component
            if isDirectory(current) { continue }
            let isLast = index == components.count - 1
            if mkdir(current, isLast ? mode : 0o755) != 0 && errno != EEXIST {
                throw failure("could not create directory \(current)")
            }
        }
    }

    static func readText(_ path: String) -> String? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        guard let bytes = try? SystemCall.readAll(descriptor, context: path) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func writeText(_ text: String, to path: String, append: Bool = false, mode: mode_t = 0o600) throws {
        let flags = O_WRONLY | O_CREAT | O_CLOEXEC | (append ? O_APPEND : O_TRUNC)
        let descriptor = open(path, flags, mode)
        guard descriptor >= 0 else { throw failure("could not open \(path)") }
        defer { close(descriptor) }
        do {
            try SystemCall.writeAll(descriptor, text.utf8, context: path)
        } catch {
            throw PostgresError(code: .clusterFailed, message: "could not write \(path): \(error)")
        }
    }

    /// The names in a directory (without `.` and `..`); empty when it cannot be read.
    static func list(_ path: String) -> [String] {
        guard let directory = opendir(path) else { return [] }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// Removes a file or a directory tree (symlinks are removed, not followed).
    static func removeTree(_ path: String) throws {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            for name in list(path) { try removeTree(path + "/" + name) }
            if rmdir(path) != 0 && errno != ENOENT { throw failure("could not remove \(path)") }
        } else if unlink(path) != 0 && errno != ENOENT {
            throw failure("could not remove \(path)")
        }
    }

    /// Changes the owner of a file or a whole directory tree (symlinks themselves, not their targets).
    static func changeOwner(_ path: String, uid: uid_t, gid: gid_t, recursive: Bool) throws {
        guard lchown(path, uid, gid) == 0 else { throw failure("could not change the owner of \(path)") }
        guard recursive, isDirectory(path) else { return }
        for name in list(path) { try changeOwner(path + "/" + name, uid: uid, gid: gid, recursive: true) }
    }

    static func owner(_ path: String) -> uid_t? {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_uid : nil
    }

    /// Whether a user (uid, primary gid) may traverse every directory from `/` down to `path`.
    /// Returns the first directory that blocks it, or nil.
    static func firstUntraversableAncestor(of path: String, uid: uid_t, gid: gid_t) -> String? {
        var current = ""
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            current += "/" + component
            var info = stat()
            guard stat(current, &info) == 0 else { return nil }
            let mode = info.st_mode
            let allowed: Bool
            if info.st_uid == uid {
                allowed = mode & S_IXUSR != 0
            } else if info.st_gid == gid {
                allowed = mode & S_IXGRP != 0
            } else {
                allowed = mode & S_IXOTH != 0
            }
            if !allowed { return current }
        }
        return nil
    }

    /// Makes `path` absolute against the current directory and drops `.` components.
    static func absolute(_ path: String) -> String {
        var base = ""
        if !path.hasPrefix("/") {
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            if getcwd(&buffer, buffer.count) != nil {
                base = String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
            }
        }
        let components = (base + "/" + path).split(separator: "/").filter { $0 != "." }
        return "/" + components.joined(separator: "/")
    }

    private static func failure(_ message: String) -> PostgresError {
        let reason = String(cString: strerror(errno))
        return PostgresError(code: .clusterFailed, message: "\(message): \(reason)")
    }
}
