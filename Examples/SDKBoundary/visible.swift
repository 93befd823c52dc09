// What an app that imports only PlotonKit can name: the client, the wire types and JSON, and the
// standard library's Clock (not shadowed). check.sh compiles this file; it is not a target.
import Foundation
import PlotonKit

func use(_ ploton: Ploton, _ task: TaskObject, _ status: TaskStatus, _ environment: PlotonEnvironment) async throws -> JSONValue? {
    let trace: TaskTraceObject = try await ploton.tasks.trace(task.id)
    let steps: [PlannedStep] = trace.workflow?.steps ?? []
    let event: Event? = nil
    let failure: APIFailure? = nil
    _ = (steps, event, failure, status.isFinal, environment.isLive)
    return task.result?.value(at: "results.0")
}

func elapsed<C: Clock>(on clock: C) -> C.Instant { clock.now }
let started = elapsed(on: ContinuousClock())
