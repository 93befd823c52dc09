import Fluent
import Foundation
import PlotonCore

/// Appends to the event stream. Always called inside the transaction that makes the change.
enum EventRecorder {
    static func record(_ kind: TaskEvent.Kind, task: AgentTask, data: JSONValue, now: Date, on database: any Database) async throws {
        try await TaskEvent(kind: kind, task: task, data: data, now: now).create(on: database)
    }
}
