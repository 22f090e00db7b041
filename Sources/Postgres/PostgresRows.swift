internal import CLibPQ
import Synchronization

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

/// Owns one `PGresult`. A finished result is read-only, which libpq documents as safe to share
/// between threads; that is why this class is `@unchecked Sendable`. Its only mutable state is atomic: where the
/// next look-up by name starts, and whether the names were found unique.
final class PostgresResultStorage: @unchecked Sendable {
    private let result: OpaquePointer
    let rowCount: Int
    let columnCount: Int
    let columnNames: [String]
    let columnTypes: [UInt32]
    let affectedRows: Int
    let commandTag: String
    /// The column after the last one looked up by name (``PostgresRow/columnIndex(_:)``'s first guess).
    let nextColumn = Atomic<Int>(0)
    /// 0 not known yet, 1 every column name differs, 2 some name is there twice.
    private let uniqueness = Atomic<Int>(0)

    /// Whether no two columns share a name, found out on the first call.
    var namesAreUnique: Bool {
        var known = uniqueness.load(ordering: .relaxed)
        if known == 0 {
            known = 1
            outer: for (index, name) in columnNames.enumerated() {
                for other in columnNames[(index + 1)...] where name.isName(other) {
                    known = 2
                    break outer
                }
            }
            uniqueness.store(known, ordering: .relaxed)
        }
        return known == 1
    }

    /// Takes ownership of `result` (cleared on deinit).
    init(result: OpaquePointer) {
        self.result = result
        rowCount = Int(PQntuples(result))
        columnCount = Int(PQnfields(result))
        columnNames = (0..<columnCount).map { String(cString: PQfname(result, Int32($0))) }
        columnTypes = (0..<columnCount).map { UInt32(PQftype(result, Int32($0))) }
        affectedRows = Int(String(cString: PQcmdTuples(result))) ?? 0
        commandTag = String(cString: PQcmdStatus(result))
    }

    deinit {
        PQclear(result)
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
