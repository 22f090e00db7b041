import OpenMetrics
import Storage

/// The incident families of `/metrics`: `codezero_incidents_total{kind}` (a counter: recorded so far) and
/// `codezero_incidents_open{kind}` (a gauge), from the maintained per-kind counts. Every known kind is always
/// present, so an alert sees the first incident as an increase from 0.
enum IncidentMetrics {
    /// OpenMetrics lines without the final `# EOF`.
    static func openMetrics(_ counts: [String: (created: Int, open: Int)]) -> String {
        let kinds = Set(IncidentKind.known.map(\.name)).union(counts.keys).sorted()
        var metrics = OpenMetricsWriter()
        metrics.family("codezero_incidents", .counter, help: "Incidents recorded, by kind.")
        for kind in kinds { metrics.sample("codezero_incidents_total", ["kind": kind], counts[kind]?.created ?? 0) }
        metrics.family(
            "codezero_incidents_open", .gauge, help: "Incidents nobody has retried or resolved yet, by kind.")
        for kind in kinds { metrics.sample("codezero_incidents_open", ["kind": kind], counts[kind]?.open ?? 0) }
        return metrics.text
    }
}
