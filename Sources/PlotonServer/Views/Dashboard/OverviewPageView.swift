import Foundation
import Plot
import PlotonCore

/// How the environment's tasks and webhooks went over the window: tiles, charts of tasks per
/// minute by outcome, task duration, webhook success rate and delivery latency, and the top failing
/// tools and error codes.
enum OverviewPageView {
    struct Model {
        var stats: OverviewStats
        var capped: Bool
        var limit: Int
        var needsPassword: Bool
    }

    static func body(_ model: Model) -> Markup {
        let stats = model.stats
        let switcher = OverviewStats.Window.allCases.map { window in
            Markup.a(
                .href("/dashboard/overview?window=\(window.rawValue)"), window == stats.window ? .attr("aria-current", "page") : .empty,
                .plain("Last \(window.rawValue)"))
        }
        let rate = stats.successRate.map { "\(SVGChart.number($0 * 100)) %" } ?? "–"
        let tiles: [(String, Markup)] = [
            ("Tasks", .plain("\(stats.tasks)")), ("Duration p50", .plain(duration(stats.p50Duration))),
            ("Duration p99", .plain(duration(stats.p99Duration))),
            ("Webhook success", .group(.plain(rate + " "), .tag("small", .plain("of \(stats.attempts)")))),
            ("Delivery p50", .plain(duration(stats.p50Latency))), ("Delivery p99", .plain(duration(stats.p99Latency))),
        ]
        let last = "last \(stats.window.rawValue)"
        let from = stats.window == .hour ? "60 min ago" : "24 h ago"
        let chart = SVGChart.stackedBars(
            stats.perMinute, series: OverviewStats.outcomes, label: "Tasks per minute by outcome, \(last)", axis: "tasks per minute",
            from: from, to: "now")
        let durations = SVGChart.lines(
            percentiles(stats.durationByBucket), label: "Task duration p50 and p99, \(last)", axis: "duration of the tasks created then",
            from: from, to: "now", format: { duration($0) })
        let success = SVGChart.lines(
            [("succeeded", stats.successRateByBucket)], label: "Webhook success rate, \(last)", axis: "share of attempts answered 2xx",
            from: from, to: "now", ceiling: 1, format: { "\(SVGChart.number($0 * 100)) %" })
        let latency = SVGChart.lines(
            percentiles(stats.latencyByBucket), label: "Webhook delivery latency p50 and p99, \(last)",
            axis: "queued to 2xx, of the attempts queued then", from: from, to: "now", format: { duration($0) })
        var note = "Tasks created and webhook attempts queued in the last \(stats.window.rawValue), this environment only."
        if model.capped { note += " Only the most recent \(model.limit) of each are counted." }
        return .group(
            DashboardLayout.passwordNotice(model.needsPassword),
            .p(.class("windows"), .joined(switcher, separator: " · ")),
            .div(.class("tiles"), .group(tiles.map { Markup.div(.class("tile"), .plain($0.0), .b($0.1)) })),
            .h2("Tasks per minute by outcome"), chart,
            .h2("Task duration"), durations, .h2("Webhook success rate"), success, .h2("Webhook delivery latency"), latency,
            .div(
                .class("columns"), .section(.h2("Top failing tools"), top(stats.topFailingTools, "Tool")),
                .section(.h2("Top error codes"), top(stats.topErrorCodes, "Code"))),
            .p(.class("muted"), .plain(note)))
    }

    static func percentiles(_ buckets: [OverviewStats.Percentiles?]) -> [(name: String, values: [Double?])] {
        [("p50", buckets.map { $0?.p50 }), ("p99", buckets.map { $0?.p99 })]
    }

    static func top(_ rows: [(name: String, count: Int)], _ heading: String) -> Markup {
        .table([heading, "Failed tasks"], rows.map { Markup.row(.code(.plain($0.name)), .plain("\($0.count)")) }, empty: "No failures.")
    }

    static func duration(_ seconds: TimeInterval?) -> String {
        guard let seconds else { return "–" }
        if seconds < 1 { return "\(Int((seconds * 1000).rounded())) ms" }
        if seconds < 120 { return "\(SVGChart.number(seconds)) s" }
        return "\(SVGChart.number(seconds / 60)) min"
    }
}
