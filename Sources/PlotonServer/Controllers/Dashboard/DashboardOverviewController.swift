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
        let (account, environment) = (principal.accountID, principal.environment)
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
            tasks: try tasks.map { task in
                let failure = try task.failure
                return .init(
                    createdAt: task.createdAt, completedAt: task.completedAt, status: task.status.rawValue,
                    errorCode: failure?.code.rawValue, failedTool: failure?.tool)
            },
            attempts: attempts.map {
                .init(
                    queuedAt: $0.createdAt, attemptedAt: $0.attemptedAt, succeeded: $0.status == .succeeded)
            })
        let capped = tasks.count == Self.limit || attempts.count == Self.limit
        let model = OverviewPageView.Model(
            stats: stats, capped: capped, limit: Self.limit, needsPassword: try await DashboardPage.needsPassword(req))
        return DashboardPage.render(req, title: "Overview", body: OverviewPageView.body(model))
    }
}
