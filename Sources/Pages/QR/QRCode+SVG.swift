extension QRCode {
    /// The code as a standalone SVG image: one path of dark squares on a white background with the 4-module
    /// quiet zone, `moduleSize` pixels per module, crisp edges. Safe to inline in HTML (no text from input).
    public func svg(moduleSize: Int = 4) -> String {
        let side = size + 8
        var path = ""
        for (y, row) in modules.enumerated() {
            for (x, dark) in row.enumerated() where dark { path += "M\(x + 4) \(y + 4)h1v1h-1z" }
        }
        return """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(side) \(side)" width="\(side * moduleSize)" \
            height="\(side * moduleSize)" shape-rendering="crispEdges" role="img" aria-label="QR code">\
            <rect width="\(side)" height="\(side)" fill="#fff"/><path fill="#000" d="\(path)"/></svg>
            """
    }

    /// The code as a plain PBM image (P1), `scale` pixels per module with the quiet zone, for decoders in tests.
    public func pbm(scale: Int = 4) -> String {
        let side = (size + 8) * scale
        var lines = ["P1", "\(side) \(side)"]
        for y in 0..<side {
            let row = y / scale - 4
            var line = ""
            for x in 0..<side {
                let column = x / scale - 4
                let dark = (0..<size).contains(row) && (0..<size).contains(column) && modules[row][column]
                line += dark ? "1 " : "0 "
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
