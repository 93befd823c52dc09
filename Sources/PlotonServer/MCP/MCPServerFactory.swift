import Foundation
import Logging
import MCP
import PlotonAPI
import PlotonCore

/// The MCP SDK's `Server` for one session, answering `tools/list` and `tools/call` within a scope.
enum MCPServerFactory {
    static let name = "ploton"
    static let version = "1.0.0"
    static let instructions =
        "Ploton runs tasks server-side over the tools of this environment. Use run_task for work described in plain "
        + "language, or a tool__capability tool for one action. When a task waits for the end user, show them its auth_url; "
        + "the task resumes by itself, and get_task tells how it ended."

    static func server(scope: MCPScope, logger: Logger) async -> Server {
        let server = Server(
            name: name, version: version, title: "Ploton", instructions: instructions,
            capabilities: .init(tools: .init(listChanged: false)))
        await server.withMethodHandler(ListTools.self) { _ in
            do {
                let (catalog, _) = try await scope.catalog()
                return .init(tools: MCPTaskTools.tools(subagentEndpoint: scope.subagentName != nil) + MCPCapabilityTools.tools(catalog))
            } catch {
                guard let failure = APIFailure(reporting: error) else { throw error }
                throw MCPError.invalidRequest("\(failure.code.rawValue): \(failure.message)")
            }
        }
        await server.withMethodHandler(CallTool.self) { [weak server] params in
            let reporter = ProgressReporter(server: server, token: params._meta?.progressToken)
            let calls = MCPToolCalls(scope: scope, logger: logger, progress: { await reporter.report($0) })
            return try await calls.call(params.name, arguments: params.arguments ?? [:])
        }
        return server
    }
}

/// Sends `notifications/progress` for one call, when its client gave a progress token; the
/// progress value counts the reports, so it always increases.
actor ProgressReporter {
    private weak var server: Server?
    private let token: ProgressToken?
    private var count = 0.0

    init(server: Server?, token: ProgressToken?) {
        self.server = server
        self.token = token
    }

    func report(_ task: TaskObject) async {
        guard let token, let server else { return }
        count += 1
        let message = "Task \(task.id) is \(task.status.rawValue)."
        try? await server.notify(ProgressNotification.message(.init(progressToken: token, progress: count, message: message)))
    }
}
