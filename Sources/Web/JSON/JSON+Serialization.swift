extension JSON {
    /// The compact UTF-8 serialization (``JSONWriter``, standard escaping): no whitespace, members in order.
    ///
    /// Strings escape `"`, `\`, control characters and U+2028/U+2029 (so the output is also safe inside
    /// JavaScript); other non-ASCII characters pass through as UTF-8. Non-finite doubles become `null`.
    public func serialized(escaping: JSONWriter.Escaping = .standard) -> [UInt8] {
        var writer = JSONWriter(escaping: escaping)
        writer.value(self)
        return writer.bytes
    }

    /// Appends the compact serialization (standard escaping) to `output`.
    public func serialize(into output: inout [UInt8]) {
        var writer = JSONWriter(appendingTo: output)
        output = []
        writer.value(self)
        output = writer.bytes
    }
}
