import Fluent
import Foundation
import PlotonCore

/// Appends to the event stream and the webhook outbox. Always called inside the transaction that
/// makes the change. The destinations are read first, so the event is written once with its
/// delivery status (plain SQL, `TaskRows`) and its outbox rows follow (`WebhookOutbox.insert`,
/// which hands them to this process's dispatcher after the commit).
enum EventRecorder {
    static func record(_ kind: TaskEvent.Kind, task: AgentTask, data: JSONValue, now: Date, on database: any Database) async throws {
        try await record(try TaskEvent(kind: kind, task: task, data: data, now: now), webhookURL: task.webhookURL, now: now, on: database)
    }

    static func record(_ kind: TaskEvent.Kind, connection: Connection, task: AgentTask?, now: Date, on database: any Database) async throws
    {
        let event = TaskEvent(
            kind: kind, accountID: connection.$account.id, environment: connection.environment, task: task,
            data: ConnectionPresenter.object(connection).jsonValue, now: now)
        try await record(event, webhookURL: task?.webhookURL, now: now, on: database)
    }

    /// Several events of one task in one multi-row `INSERT`, each followed by its outbox rows (the
    /// destinations are read once per transaction).
    static func record(_ events: [TaskEvent], webhookURL: String?, now: Date, on database: any Database) async throws {
        let destinations = try await route(events, webhookURL: webhookURL, on: database)
        try await TaskRows.insert(events: events, on: database)
        try await enqueue(events, to: destinations, now: now, on: database)
    }

    /// Where each event goes, read before the events are written: an event with somewhere to go
    /// is written `pending` for delivery.
    static func route(_ events: [TaskEvent], webhookURL: String?, on database: any Database) async throws -> [[WebhookOutbox.Destination]] {
        var destinations: [[WebhookOutbox.Destination]] = []
        for event in events {
            let found = try await WebhookOutbox.destinations(for: event, webhookURL: webhookURL, on: database)
            if !found.isEmpty { event.deliveryStatus = .pending }
            destinations.append(found)
        }
        return destinations
    }

    /// A run's events (plain values, `RunEvent`): the same, marking those with a destination `pending`.
    static func route(_ events: inout [RunEvent], webhookURL: String?, on database: any Database) async throws
        -> [[WebhookOutbox.Destination]]
    {
        var destinations: [[WebhookOutbox.Destination]] = []
        for index in events.indices {
            let found = try await WebhookOutbox.destinations(for: events[index], webhookURL: webhookURL, on: database)
            if !found.isEmpty { events[index].deliveryStatus = .pending }
            destinations.append(found)
        }
        return destinations
    }

    /// The outbox rows of events just written, to the destinations `route` found, in one statement.
    static func enqueue(_ events: [TaskEvent], to destinations: [[WebhookOutbox.Destination]], now: Date, on database: any Database)
        async throws
    {
        try await WebhookOutbox.insert(zip(events, destinations).map { ($0, $1) }, retries: true, now: now, on: database)
    }

    private static func record(_ event: TaskEvent, webhookURL: String?, now: Date, on database: any Database) async throws {
        let destinations = try await WebhookOutbox.destinations(for: event, webhookURL: webhookURL, on: database)
        if !destinations.isEmpty { event.deliveryStatus = .pending }
        try await TaskRows.insert(event, on: database)
        try await WebhookOutbox.insert(event, to: destinations, retries: true, now: now, on: database)
    }
}
