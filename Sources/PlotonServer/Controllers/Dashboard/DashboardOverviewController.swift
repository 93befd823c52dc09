import Fluent
import Foundation
import PlotonAPI
import PlotonCore
import Vapor

/// The first page after sign-in: how the selected environment's tasks and webhooks went over the
/// last hour or day. Reads the window's rows by index (`tasks_listing`,
/// `webhook_deliveries_by_environment`), at most `limit` of each, never the whole history.
struct DashboardOverviewController: RouteCollection {
    static let limit = 20_000

    func boot(routes: any RoutesBuilder) throws {
        routes.grouped("dashboard", "overview").get(use: show)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        let window = req.queryValue("window").flatMap(OverviewStats.Window.init(rawValue:)) ?? .hour
        let since = req.now.addingTimeInterval(-window.seconds)
        let (account, environment) = (principal.accountID, principal.environment.rawValue)
        let tasks = try await AgentTask.query(on: req.db)
            .filter(\.$account.$id == account).filter(\.$environment == environment).filter(\.$createdAt >= since)
            .sort(\.$createdAt, .descending).limit(Self.limit)
            .field(\.$id).field(\.$createdAt).field(\.$completedAt).field(\.$status).field(\.$errorJSON).all()
        let attempts = try await WebhookDelivery.query(on: req.db)
            .filter(\.$account.$id == account).filter(\.$environment == environment).filter(\.$createdAt >= since)
            .sort(\.$createdAt, .descending).limit(Self.limit)
            .field(\.$id).field(\.$createdAt).field(\.$attemptedAt).field(\.$status).all()
        let stats = OverviewStats(
            window: window, now: req.now,
            tasks: tasks.map { task in
                let error = task.errorJSON.flatMap(JSONValue.parse)
                return .init(
                    createdAt: task.createdAt, completedAt: task.completedAt, status: task.status,
                    errorCode: error?.value(at: "code")?.stringValue, failedTool: error?.value(at: "tool")?.stringValue)
            },
            attempts: attempts.map {
                .init(
                    queuedAt: $0.createdAt, attemptedAt: $0.attemptedAt, succeeded: $0.status == WebhookDelivery.Status.succeeded.rawValue)
            })
        let capped = tasks.count == Self.limit || attempts.count == Self.limit
        let body = try await DashboardPage.passwordNotice(req) + Self.body(stats, capped: capped)
        return DashboardPage.render(req, title: "Overview", body: body)
    }

    static func body(_ stats: OverviewStats, capped: Bool) -> String {
        let switcher = OverviewStats.Window.allCases.map { window in
            let current = window == stats.window ? " aria-current=\"page\"" : ""
            return "<a href=\"/dashboard/overview?window=\(window.rawValue)\"\(current)>Last \(window.rawValue)</a>"
        }
        let rate = stats.successRate.map { "\(SVGChart.number($0 * 100)) %" } ?? "–"
        let tiles = [
            ("Tasks", "\(stats.tasks)"), ("Duration p50", duration(stats.p50Duration)), ("Duration p99", duration(stats.p99Duration)),
            ("Webhook success", rate + " <small>of \(stats.attempts)</small>"), ("Delivery p50", duration(stats.p50Latency)),
            ("Delivery p99", duration(stats.p99Latency)),
        ]
        let chart = SVGChart.stackedBars(
            stats.perMinute, series: OverviewStats.outcomes, label: "Tasks per minute by outcome, last \(stats.window.rawValue)",
            axis: "tasks per minute", from: stats.window == .hour ? "60 min ago" : "24 h ago", to: "now")
        return """
            <p class="windows">\(switcher.joined(separator: " · "))</p>
            <div class="tiles">\(tiles.map { "<div class=\"tile\">\($0.0)<b>\($0.1)</b></div>" }.joined())</div>
            <h2>Tasks per minute by outcome</h2>\(chart)
            <div class="columns"><section><h2>Top failing tools</h2>\(top(stats.topFailingTools, "Tool"))</section>
            <section><h2>Top error codes</h2>\(top(stats.topErrorCodes, "Code"))</section></div>
            <p class="muted">Tasks created and webhook attempts queued in the last \(stats.window.rawValue), this environment only.\
            \(capped ? " Only the most recent \(limit) of each are counted." : "")</p>
            """
    }

    static func top(_ rows: [(name: String, count: Int)], _ heading: String) -> String {
        DashboardPage.table(
            [heading, "Failed tasks"], rows.map { DashboardPage.row(["<code>\(HostedPage.escape($0.name))</code>", "\($0.count)"]) },
            empty: "No failures.")
    }

    static func duration(_ seconds: TimeInterval?) -> String {
        guard let seconds else { return "–" }
        if seconds < 1 { return "\(Int((seconds * 1000).rounded())) ms" }
        if seconds < 120 { return "\(SVGChart.number(seconds)) s" }
        return "\(SVGChart.number(seconds / 60)) min"
    }
}
