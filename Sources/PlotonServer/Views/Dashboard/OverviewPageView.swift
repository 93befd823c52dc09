import Foundation
import Plot
import PlotonCore

/// How the environment's tasks and webhooks went over the window: tiles, a chart of tasks per
/// minute by outcome, and the top failing tools and error codes.
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
        let chart = SVGChart.stackedBars(
            stats.perMinute, series: OverviewStats.outcomes, label: "Tasks per minute by outcome, last \(stats.window.rawValue)",
            axis: "tasks per minute", from: stats.window == .hour ? "60 min ago" : "24 h ago", to: "now")
        var note = "Tasks created and webhook attempts queued in the last \(stats.window.rawValue), this environment only."
        if model.capped { note += " Only the most recent \(model.limit) of each are counted." }
        return .group(
            DashboardLayout.passwordNotice(model.needsPassword),
            .p(.class("windows"), .joined(switcher, separator: " · ")),
            .div(.class("tiles"), .group(tiles.map { Markup.div(.class("tile"), .plain($0.0), .b($0.1)) })),
            .h2("Tasks per minute by outcome"), chart,
            .div(
                .class("columns"), .section(.h2("Top failing tools"), top(stats.topFailingTools, "Tool")),
                .section(.h2("Top error codes"), top(stats.topErrorCodes, "Code"))),
            .p(.class("muted"), .plain(note)))
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
