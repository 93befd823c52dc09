import Foundation
import PlotonCore
import Synchronization

@testable import PlotonServer

/// A tool whose answers a test scripts per capability, counting every call.
final class ScriptedTool: ToolExecutor {
    typealias Answer = @Sendable (StepRequest) async throws -> StepOutcome

    static let name = "vault"
    static let descriptor = ToolDescriptor(
        name: name, description: "A test vault.", categories: ["test"],
        capabilities: [
            CapabilityDescriptor(name: "read", description: "Read the balance."),
            CapabilityDescriptor(name: "transfer", description: "Move money.", sideEffect: true, requiresApproval: true),
            CapabilityDescriptor(name: "log", description: "Write a log line.", sideEffect: true),
        ])

    private let scripts = Mutex<[String: [Answer]]>([:])
    private let calls = Mutex<[StepRequest]>([])

    func script(_ capability: String, _ answers: Answer...) {
        scripts.withLock { $0[capability, default: []] += answers }
    }

    var requests: [StepRequest] { calls.withLock { $0 } }
    func count(_ capability: String) -> Int { requests.filter { $0.capability == capability }.count }

    func execute(_ request: StepRequest) async throws -> StepOutcome {
        calls.withLock { $0.append(request) }
        let answer = scripts.withLock { scripts -> Answer? in
            guard var queue = scripts[request.capability], !queue.isEmpty else { return nil }
            let next = queue.removeFirst()
            scripts[request.capability] = queue
            return next
        }
        guard let answer else { return .completed(.object(["ok": .bool(true), "capability": .string(request.capability)])) }
        return try await answer(request)
    }
}

/// A planner that always returns the same workflow.
struct FixedPlanner: Planner {
    let name = "fixed"
    let workflow: Workflow

    func plan(_ request: PlanningRequest) async throws -> PlanningResult { .workflow(workflow) }
}

extension TestApp {
    /// Swaps in the scripted vault tool and a planner that always plans `steps`.
    func useScriptedTool(_ steps: [PlannedStep], resultFields: [String] = []) -> ScriptedTool {
        let tool = ScriptedTool()
        app.ploton.catalog = ToolCatalog(tools: ToolCatalog.builtIn.tools + [ScriptedTool.descriptor])
        app.ploton.planner = FixedPlanner(workflow: Workflow(steps: steps, resultFields: resultFields))
        app.ploton.executor = ToolRouter(sandbox: [ScriptedTool.name: tool], live: [ScriptedTool.name: tool])
        return tool
    }
}
