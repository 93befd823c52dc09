import Fluent
import Foundation
import PlotonCore

/// A URL that receives an environment's events (those its `events` filter lets through).
final class WebhookEndpoint: Model, @unchecked Sendable {
    static let schema = "webhook_endpoints"

    @ID(custom: "id", generatedBy: .user) var id: String?
    @Parent(key: "account_id") var account: Account
    @Field(key: "environment") var environment: PlotonEnvironment
    @Field(key: "url") var url: String
    /// A JSON array of event types; empty or `["*"]` = all.
    @Field(key: "events") var storedEvents: StoredJSON<[String]>
    @Field(key: "enabled") var enabled: Bool
    @OptionalField(key: "description") var endpointDescription: String?
    /// Why the endpoint was switched off by Ploton (`410 Gone`), if it was.
    @OptionalField(key: "disabled_reason") var disabledReason: String?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    init(accountID: String, environment: PlotonEnvironment, url: String, events: [String], description: String?, now: Date) {
        self.id = ObjectID.generateSortable(ObjectIDPrefix.webhookEndpoint.rawValue)
        self.$account.id = accountID
        self.environment = environment
        self.url = url
        self.storedEvents = StoredJSON(events)
        self.enabled = true
        self.endpointDescription = description
        self.createdAt = now
        self.updatedAt = now
    }

    var events: [String] {
        get { storedEvents.value }
        set { storedEvents.value = newValue }
    }
}
