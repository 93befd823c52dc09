import Fluent
import Foundation
import PlotonCore

/// Appends to the event stream and the webhook outbox. Always called inside the transaction that
/// makes the change.
enum EventRecorder {
    static func record(_ kind: TaskEvent.Kind, task: AgentTask, data: JSONValue, now: Date, on database: any Database) async throws {
        let event = try TaskEvent(kind: kind, task: task, data: data, now: now)
        try await event.create(on: database)
        try await WebhookOutbox.enqueue(event, webhookURL: task.webhookURL, now: now, on: database)
    }

    static func record(_ kind: TaskEvent.Kind, connection: Connection, task: AgentTask?, now: Date, on database: any Database) async throws
    {
        let event = TaskEvent(
            kind: kind, accountID: connection.$account.id, environment: connection.environment.rawValue, task: task,
            data: ConnectionPresenter.object(connection).jsonValue, now: now)
        try await event.create(on: database)
        try await WebhookOutbox.enqueue(event, webhookURL: task?.webhookURL, now: now, on: database)
    }
}
