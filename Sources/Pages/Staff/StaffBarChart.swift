/// A bar chart drawn on the server as inline SVG (no script, no third-party request) for the back office's
/// dashboard; the page shows the same numbers as a table beside it, so the chart is decoration for sighted
/// readers (`role="img"` with a title) and the table is the accessible source.
public struct StaffBarChart: Sendable, Hashable {
    /// One bar: its label (e.g. `2026-12`) and value (e.g. cents).
    public struct Bar: Sendable, Hashable {
        /// The label under the bar.
        public var label: String
        /// The value; negatives are drawn as zero height.
        public var value: Int64

        /// A bar.
        public init(label: String, value: Int64) {
            self.label = label
            self.value = value
        }
    }

    /// The chart's accessible title.
    public var title: String
    /// The bars, left to right.
    public var bars: [Bar]

    /// A chart.
    public init(title: String, bars: [Bar]) {
        self.title = title
        self.bars = bars
    }

    /// The SVG: bars scaled to the largest value, labels below (escaped).
    public func svg(width: Int = 480, height: Int = 200) -> String {
        let top = 10
        let bottom = 30
        let plot = height - top - bottom
        let maximum = max(bars.map(\.value).max() ?? 0, 1)
        let slot = bars.isEmpty ? width : width / bars.count
        var shapes = ""
        for (index, bar) in bars.enumerated() {
            let value = max(bar.value, 0)
            let barHeight = Int((Double(value) / Double(maximum) * Double(plot)).rounded())
            let x = index * slot + slot / 8
            let y = top + plot - barHeight
            shapes += "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(slot * 3 / 4)\" height=\"\(barHeight)\" fill=\"#1a56db\"/>"
            shapes +=
                "<text x=\"\(index * slot + slot / 2)\" y=\"\(height - 12)\" font-size=\"9\" text-anchor=\"middle\">"
                + Self.escape(String(bar.label.suffix(5))) + "</text>"
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" "
            + "height=\"\(height)\" role=\"img\" aria-label=\"\(Self.escape(title))\"><title>\(Self.escape(title))</title>"
            + "<line x1=\"0\" y1=\"\(top + plot)\" x2=\"\(width)\" y2=\"\(top + plot)\" stroke=\"#555\"/>"
            + shapes + "</svg>"
    }

    /// `text` safe inside SVG text and attributes.
    static func escape(_ text: String) -> String {
        TemplateLibrary.escaped(text)
    }
}
