import Foundation
import Vapor

/// The end user's side of managed OAuth: `/auth/{tool}` starts consent at the provider and
/// `/oauth/callback/{tool}` finishes it.
struct OAuthPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("auth", ":tool", use: start)
        routes.get("oauth", "callback", ":tool", use: callback)
    }

    @Sendable func start(req: Request) async throws -> Response {
        let tool = try req.parameters.require("tool")
        return try await Self.page {
            HostedPage.redirect(to: try await flow(req).begin(tool: tool, sessionID: req.queryValue("session")))
        }
    }

    @Sendable func callback(req: Request) async throws -> Response {
        let tool = try req.parameters.require("tool")
        return try await Self.page {
            switch try await flow(req).complete(
                tool: tool, code: req.queryValue("code"), state: req.queryValue("state"), error: req.queryValue("error"))
            {
            case .connected(_, let redirect?), .declined(let redirect?): return HostedPage.redirect(to: redirect)
            case .connected(let connection, nil):
                return HostedPage.message(
                    title: "Connected",
                    message: "\(connection.tool) is connected. You can close this window; the work continues on its own.")
            case .declined(nil):
                return HostedPage.message(
                    title: "Not connected", message: "You declined, so nothing was connected. You can close this window.")
            }
        }
    }

    private func flow(_ req: Request) -> AuthFlow { AuthFlow(database: req.db, services: req.ploton) }

    static func page(_ body: () async throws -> Response) async throws -> Response {
        do {
            return try await body()
        } catch let error as AuthFlow.PageError {
            return HostedPage.message(status: HTTPStatus(statusCode: error.status), title: error.title, message: error.message)
        }
    }
}
