extension String {
    /// This text with every `old` byte replaced by `new` (both ASCII, so the result is valid UTF-8 again).
    ///
    /// Foundation's `replacingOccurrences` bridges through NSString: ~90,000 instructions per call, a large part of
    /// a page render (issue #16). This is a pass over the UTF-8 bytes.
    func replacingASCII(_ old: Unicode.Scalar, with new: Unicode.Scalar) -> String {
        let old = UInt8(ascii: old)
        let new = UInt8(ascii: new)
        guard utf8.contains(old) else { return self }
        return String(decoding: utf8.map { $0 == old ? new : $0 }, as: UTF8.self)
    }

    /// This text with every occurrence of `target` (non-empty) replaced by `replacement`, compared byte by byte over
    /// UTF-8 (the same as Foundation's literal replacement for the ASCII placeholders the site's strings use).
    func replacingEvery(_ target: String, with replacement: String) -> String {
        let bytes = Array(utf8)
        let needle = Array(target.utf8)
        guard !needle.isEmpty, bytes.count >= needle.count else { return self }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + replacement.utf8.count)
        var index = 0
        var replaced = false
        while index < bytes.count {
            if bytes[index] == needle[0], index + needle.count <= bytes.count,
                bytes[index..<(index + needle.count)].elementsEqual(needle)
            {
                output.append(contentsOf: replacement.utf8)
                index += needle.count
                replaced = true
            } else {
                output.append(bytes[index])
                index += 1
            }
        }
        return replaced ? String(decoding: output, as: UTF8.self) : self
    }
}
