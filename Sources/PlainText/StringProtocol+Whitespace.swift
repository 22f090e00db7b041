extension StringProtocol {
    /// The string without leading and trailing white space (Unicode's White_Space property: spaces, tabs,
    /// newlines, no-break spaces); the one trimmer of the code base.
    public var trimmedWhitespace: String {
        // Typed input rarely has white space at either end: then it is the string itself, without a copy.
        guard let head = unicodeScalars.first, let tail = unicodeScalars.last,
            Self.isWhitespace(head) || Self.isWhitespace(tail)
        else { return isEmpty ? "" : String(self) }
        let scalars = Array(unicodeScalars)
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[first...last])
        return String(view)
    }

    /// White_Space, answered without the property tables for ASCII (tab to carriage return, space).
    private static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x80
            ? scalar.value == 0x20 || (0x09...0x0D).contains(scalar.value) : scalar.properties.isWhitespace
    }
}
