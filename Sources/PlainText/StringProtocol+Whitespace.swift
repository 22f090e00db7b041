extension StringProtocol {
    /// The string without leading and trailing white space (Unicode's White_Space property: spaces, tabs,
    /// newlines, no-break spaces); the one trimmer of the code base.
    public var trimmedWhitespace: String {
        let scalars = Array(unicodeScalars)
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[first...last])
        return String(view)
    }
}
