internal import CLibPQ
import Synchronization

#if canImport(Glibc)
    internal import Glibc
#elseif canImport(Darwin)
    internal import Darwin
#endif

/// The rows a statement returned, in order. Iterate it, index it, or take `first`.
///
/// It keeps libpq's result in memory until the last copy of it (or of one of its rows) goes away;
/// values are decoded only when a getter asks for them.
public struct PostgresRows: RandomAccessCollection, Sendable {
    let storage: PostgresResultStorage

    init(storage: PostgresResultStorage) {
        self.storage = storage
    }

    /// The column names, in result order.
    public var columns: [String] { storage.columnNames }
    /// The number of rows the command affected (INSERT/UPDATE/DELETE/SELECT...), 0 when not reported.
    public var affectedRows: Int { storage.affectedRows }
    /// The server's command tag, e.g. `INSERT 0 1`, `UPDATE 3`, `SELECT 2`.
    public var commandTag: String { storage.commandTag }

    /// The index of the first row (always 0).
    public var startIndex: Int { 0 }
    /// One past the index of the last row.
    public var endIndex: Int { storage.rowCount }

    /// The row at `position`.
    public subscript(position: Int) -> PostgresRow {
        precondition(position >= 0 && position < storage.rowCount, "row index out of range")
        return PostgresRow(storage: storage, index: position)
    }
}

/// The columns of a result: names, types, and whether the names are unique. A prepared statement's results all
/// have the same columns (PostgreSQL refuses to run it once its result would change: "cached plan must not change
/// result type"), so the connection keeps one shape per prepared statement and hands it to each of its results,
/// which take it after comparing it with the result's descriptor (column count, each type and name; no `String`
/// made): issue #16's purchases profile spent ~26,000 instructions a request making the same 26 names `String`s and
/// finding them unique again.
final class PostgresResultShape: @unchecked Sendable {
    let names: [String]
    let types: [UInt32]
    /// Each name's UTF-8 and a NUL, one after the other, for comparing with libpq's names without a `String`.
    private let cNames: [CChar]
    /// 0 not known yet, 1 every column name differs, 2 some name is there twice.
    private let uniqueness = Atomic<Int>(0)

    /// The shape of `result`.
    init(of result: OpaquePointer) {
        let count = Int(PQnfields(result))
        names = (0..<count).map { String(cString: PQfname(result, Int32($0))) }
        types = (0..<count).map { UInt32(PQftype(result, Int32($0))) }
        var cNames: [CChar] = []
        for name in names {
            cNames.append(contentsOf: name.utf8CString)
        }
        self.cNames = cNames
    }

    /// Whether `result` has exactly these columns: the same count, and each the same type and name.
    func matches(_ result: OpaquePointer) -> Bool {
        guard Int(PQnfields(result)) == types.count else { return false }
        return cNames.withUnsafeBufferPointer { buffer in
            guard var name = buffer.baseAddress else { return types.isEmpty }
            for (index, type) in types.enumerated() {
                guard UInt32(PQftype(result, Int32(index))) == type, let actual = PQfname(result, Int32(index)),
                    strcmp(actual, name) == 0
                else { return false }
                name += strlen(name) + 1
            }
            return true
        }
    }

    /// Whether no two columns share a name, found out on the first call.
    var namesAreUnique: Bool {
        var known = uniqueness.load(ordering: .relaxed)
        if known == 0 {
            known = 1
            outer: for (index, name) in names.enumerated() {
                for other in names[(index + 1)...] where name.isName(other) {
                    known = 2
                    break outer
                }
            }
            uniqueness.store(known, ordering: .relaxed)
        }
        return known == 1
    }
}

/// Owns one `PGresult`. A finished result is read-only, which libpq documents as safe to share
/// between threads; that is why this class is `@unchecked Sendable`. Its only mutable state is atomic: where the
/// next look-up by name starts.
final class PostgresResultStorage: @unchecked Sendable {
    private let result: OpaquePointer
    let rowCount: Int
    let columnCount: Int
    /// The columns: the prepared statement's shape when the result has its columns, else the result's own.
    let shape: PostgresResultShape
    var columnNames: [String] { shape.names }
    var columnTypes: [UInt32] { shape.types }
    var namesAreUnique: Bool { shape.namesAreUnique }
    /// The number of rows the command affected, 0 when not reported (read when asked: most results never are).
    var affectedRows: Int { Int(String(cString: PQcmdTuples(result))) ?? 0 }
    /// The server's command tag.
    var commandTag: String { String(cString: PQcmdStatus(result)) }
    /// The column after the last one looked up by name (``PostgresRow/columnIndex(_:)``'s first guess).
    let nextColumn = Atomic<Int>(0)

    /// Takes ownership of `result` (cleared on deinit); its columns are `knownShape` when they match it.
    init(result: OpaquePointer, knownShape: PostgresResultShape? = nil) {
        self.result = result
        rowCount = Int(PQntuples(result))
        columnCount = Int(PQnfields(result))
        if let knownShape, knownShape.matches(result) {
            shape = knownShape
        } else {
            shape = PostgresResultShape(of: result)
        }
    }

    deinit {
        PQclear(result)
    }

    /// Whether this result has exactly the columns of `shape` (what a later result of its statement checks).
    func hasColumns(of shape: PostgresResultShape) -> Bool {
        shape.matches(result)
    }

    /// The text-format value of a cell, or nil for NULL.
    func value(row: Int, column: Int) -> UnsafePointer<CChar>? {
        if PQgetisnull(result, Int32(row), Int32(column)) != 0 { return nil }
        return UnsafePointer(PQgetvalue(result, Int32(row), Int32(column)))
    }

    /// The text-format bytes of a cell (no terminating NUL), or nil for NULL.
    func bytes(row: Int, column: Int) -> UnsafeBufferPointer<UInt8>? {
        let (row, column) = (Int32(truncatingIfNeeded: row), Int32(truncatingIfNeeded: column))
        let length = PQgetlength(result, row, column)
        // libpq gives NULL a length of 0: only an empty value can be NULL.
        if length == 0, PQgetisnull(result, row, column) != 0 { return nil }
        return UnsafeBufferPointer(
            start: UnsafeRawPointer(PQgetvalue(result, row, column)).assumingMemoryBound(to: UInt8.self),
            count: Int(length))
    }

    /// The byte length of a cell's value.
    func length(row: Int, column: Int) -> Int {
        Int(PQgetlength(result, Int32(row), Int32(column)))
    }
}
