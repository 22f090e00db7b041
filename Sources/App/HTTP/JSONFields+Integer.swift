import Web

extension JSONFields {
    /// A required integer within `range` (a JSON number without fraction; `5.0` or `"5"` is refused).
    mutating func integer(_ name: String, in range: ClosedRange<Int>) -> Int {
        guard let value = object[name] else {
            fail(name, "is required", code: "required")
            return range.lowerBound
        }
        guard case .int(let number) = value, let int = Int(exactly: number) else {
            fail(name, "must be an integer", code: "type")
            return range.lowerBound
        }
        guard range.contains(int) else {
            fail(name, "must be between \(range.lowerBound) and \(range.upperBound)", code: "range")
            return range.lowerBound
        }
        return int
    }
}
