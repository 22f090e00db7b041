#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// One migration file from the migrations directory: `NNNN_name.sql`.
public struct MigrationFile: Sendable, Hashable {
    /// The file name, which is also its record in `schema_migrations` (e.g. `0001_billing_products.sql`).
    public var name: String
    /// The four-digit number that orders it.
    public var number: Int
    /// The file's bytes.
    public var contents: [UInt8]

    /// Creates a file value (use ``load(from:)`` to read a directory).
    public init(name: String, number: Int, contents: [UInt8]) {
        self.name = name
        self.number = number
        self.contents = contents
    }

    /// The SQL text.
    public var sql: String { String(decoding: contents, as: UTF8.self) }

    /// Reads every `.sql` file of `directory`, checks names and numbers, and returns them in order.
    /// Other files (README, hidden files) are ignored.
    public static func load(from directory: String) throws -> [MigrationFile] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw StorageError(
                code: .migrationsUnreadable, message: "cannot list the migrations directory \(directory)")
        }
        var files: [MigrationFile] = []
        for name in names.sorted() where name.hasSuffix(".sql") && !name.hasPrefix(".") {
            guard let number = number(ofValidName: name) else {
                throw StorageError(
                    code: .badMigrationName, migration: name,
                    message: "migration file \(name) does not match NNNN_lowercase_name.sql")
            }
            guard let data = FileManager.default.contents(atPath: directory + "/" + name) else {
                throw StorageError(code: .migrationsUnreadable, migration: name, message: "cannot read \(name)")
            }
            files.append(MigrationFile(name: name, number: number, contents: [UInt8](data)))
        }
        try checkUniqueNumbers(files)
        return files.sorted { $0.number < $1.number }
    }

    /// The number of a name matching `^[0-9]{4}_[a-z0-9_]+\.sql$`, or nil.
    public static func number(ofValidName name: String) -> Int? {
        let bytes = Array(name.utf8)
        let suffix = Array(".sql".utf8)
        guard bytes.count > 4 + 1 + suffix.count, bytes.suffix(suffix.count).elementsEqual(suffix) else { return nil }
        let digits = bytes[0..<4]
        guard digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
            bytes[4] == UInt8(ascii: "_")
        else { return nil }
        let stem = bytes[5..<(bytes.count - suffix.count)]
        let allowed: (UInt8) -> Bool = { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
        }
        guard !stem.isEmpty, stem.allSatisfy(allowed) else { return nil }
        return Int(String(decoding: digits, as: UTF8.self))
    }

    private static func checkUniqueNumbers(_ files: [MigrationFile]) throws {
        var seen: [Int: String] = [:]
        for file in files {
            if let other = seen[file.number] {
                throw StorageError(
                    code: .duplicateMigrationNumber, migration: file.name,
                    message: "migration files \(other) and \(file.name) share the number \(file.number)")
            }
            seen[file.number] = file.name
        }
    }
}
