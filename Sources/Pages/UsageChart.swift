public import Domain
import Foundation

/// The geometry of the portal's usage chart, computed on the server (no script): one bar per day of the period so
/// far with the cumulative usage, and a horizontal line at the included units. The template draws it as inline SVG
/// from these numbers (all plain values, escaped like any other), with the same numbers in a table beside it.
public struct UsageChart: Sendable, Hashable {
    /// The drawing area.
    public static let width = 640
    /// The drawing area's height.
    public static let height = 220
    static let left = 56
    static let bottom = 28
    static let top = 12

    /// One day's bar.
    public struct Bar: Sendable, Hashable {
        /// Left edge.
        public var x: Int
        /// Top edge.
        public var y: Int
        /// Width.
        public var width: Int
        /// Height.
        public var height: Int
        /// Whether the cumulative usage is beyond the included units that day.
        public var over: Bool
    }

    /// The bars, oldest day first.
    public let bars: [Bar]
    /// The y of the included line (nil when the plan includes nothing).
    public let includedY: Int?
    /// The y-axis maximum in units (whole units, rounded up).
    public let maximum: Int

    /// The chart of `daily` usage against `included` units.
    public init(daily: [UsageQuantity], included: UsageQuantity) {
        var running = 0
        let cumulative = daily.map { quantity -> Int in
            running += quantity.thousandths
            return running
        }
        let peak = max(cumulative.max() ?? 0, included.thousandths, 1)
        let scaled = peak + peak / 10
        let top = (scaled + 999) / 1000
        maximum = top
        let plotHeight = Self.height - Self.bottom - Self.top
        let plotWidth = Self.width - Self.left - 8
        let slot = daily.isEmpty ? plotWidth : plotWidth / max(daily.count, 1)
        let barWidth = max(slot - 2, 1)
        func y(_ thousandths: Int) -> Int {
            Self.top + plotHeight - Int((Double(thousandths) / Double(top * 1000)) * Double(plotHeight))
        }
        bars = cumulative.enumerated().map { index, value in
            let barTop = y(value)
            return Bar(
                x: Self.left + index * slot + 1, y: barTop, width: barWidth, height: Self.top + plotHeight - barTop,
                over: value > included.thousandths)
        }
        includedY = included.thousandths > 0 ? y(included.thousandths) : nil
    }

    /// The x-axis baseline.
    public static var baseline: Int { height - bottom }
}
