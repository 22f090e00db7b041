internal import CLibPQ

extension PostgresError {
    /// Reads the error fields of a failed libpq result.
    init(result: OpaquePointer, query: String?) {
        func field(_ code: Character) -> String? {
            guard let ascii = code.asciiValue, let value = PQresultErrorField(result, Int32(ascii)) else { return nil }
            return String(cString: value)
        }
        var message = field("M")
        if message == nil {
            var text = String(cString: PQresultErrorMessage(result))
            while text.last?.isNewline == true { text.removeLast() }
            message = text.isEmpty ? nil : text
        }
        self.init(
            code: .server, sqlState: field("C"), message: message, detail: field("D"), hint: field("H"),
            constraintName: field("n"), tableName: field("t"), columnName: field("c"), schemaName: field("s"),
            query: query)
    }
}
