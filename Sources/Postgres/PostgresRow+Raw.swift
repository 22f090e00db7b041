extension PostgresRows {
    /// The position of the first column named `name`, or nil: look a column up once per result, then read every
    /// row by position (``PostgresRow/withRawValue(at:_:)``).
    public func position(of name: String) -> Int? {
        name.position(in: storage.columnNames)
    }
}

extension PostgresRow {
    /// The position of the first column named `name` in this row's result (the same for all its rows), or nil.
    public func position(of name: String) -> Int? {
        name.position(in: storage.columnNames)
    }

    /// The value at column `position` as the server sent it (text format, UTF-8, no terminating NUL), or nil for
    /// NULL — without making a `String`: for copying values straight into an output buffer. The buffer is only
    /// valid inside `body`. Not generic on purpose: a generic method runs unspecialised when called from another
    /// module (issue #16 counted ~9,000 instructions per value that way).
    ///
    /// - Precondition: `position` is a column of the result.
    public func withRawValue(at position: Int, _ body: (UnsafeBufferPointer<UInt8>?) throws -> Void) rethrows {
        precondition(position >= 0 && position < storage.columnCount, "column position out of range")
        try body(storage.bytes(row: index, column: position))
    }
}
