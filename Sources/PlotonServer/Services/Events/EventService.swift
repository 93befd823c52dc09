import Fluent
import FluentSQL
import Foundation
import PlotonAPI
import PlotonCore

/// One account environment's event log: listing and finding events, their delivery attempts, and
/// redelivery; for `/v1/events` and the dashboard.
struct EventService {
    let database: any Database
    let wakeUp: WakeUp
    let accountID: String
    let environment: PlotonEnvironment
    let now: Date

    struct Filters {
        var taskID: String?
        var type: EventType?
        var deliverySuccess: Bool?

        init(taskID: String?, type: String?, deliverySuccess: String?) throws {
            self.taskID = taskID
            if let type {
                guard let type = EventType(rawValue: type) else { throw EventError.unknownType }
                self.type = type
            }
            if let deliverySuccess {
                guard let success = Bool(deliverySuccess) else { throw EventError.deliverySuccessNotBoolean }
                self.deliverySuccess = success
            }
        }
    }

    /// The environment's events, newest first.
    func query(_ filters: Filters) -> QueryBuilder<TaskEvent> {
        let query = TaskEvent.query(on: database).filter(\.$account.$id == accountID).filter(\.$environment == environment)
        if let taskID = filters.taskID { query.filter(\.$taskID == taskID) }
        if let type = filters.type { query.filter(\.$type == type) }
        if let success = filters.deliverySuccess { query.filter(EventDeliveryStatus.filter(succeeded: success)) }
        return query.sort(\.$id, .descending)
    }

    /// The events' delivery statuses (`EventDeliveryStatus`), by event id; absent for an event without destinations.
    func deliveryStatuses(of events: [TaskEvent]) async throws -> [String: WebhookDelivery.Status] {
        try await EventDeliveryStatus.of(events.compactMap(\.id), on: database)
    }

    /// The events as the API shows them, each with its delivery status.
    func presented(_ events: [TaskEvent]) async throws -> [EventObject] {
        let statuses = try await deliveryStatuses(of: events)
        return try events.map { try WebhookPresenter.event($0, deliveryStatus: statuses[$0.id ?? ""]) }
    }

    func find(_ id: String) async throws -> TaskEvent {
        guard
            let event = try await TaskEvent.query(on: database)
                .filter(\.$id == id).filter(\.$account.$id == accountID).filter(\.$environment == environment).first()
        else { throw EventError.notFound(id) }
        return event
    }

    /// Every attempt, newest first.
    func deliveries(of event: TaskEvent) -> QueryBuilder<WebhookDelivery> {
        WebhookDelivery.query(on: database).filter(\.$eventID == event.id ?? "").sort(\.$id, .descending)
    }

    /// One more attempt, now, to each of the event's current destinations (no automatic retries).
    func redeliver(_ event: TaskEvent) async throws {
        let now = now
        let task = try await AgentTask.query(on: database).filter(\.$id == (event.taskID ?? "")).first()
        let webhookURL = task?.webhookURL
        // The event's delivery status is derived from its attempts, so the new rows make it `pending`.
        try await database.writeTransaction { database in
            let destinations = try await WebhookOutbox.destinations(for: event, webhookURL: webhookURL, on: database)
            guard !destinations.isEmpty else { throw EventError.noDestinations(type: event.type.rawValue) }
            try await WebhookOutbox.insert(event, to: destinations, retries: false, now: now, on: database)
        }
        wakeUp.signal()
    }
}
