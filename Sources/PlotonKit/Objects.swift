import Foundation
import PlotonAPI

// The API's objects come from PlotonAPI, the target the server builds its responses from.
public typealias Connection = ConnectionObject
public typealias ConnectionAuthorization = ConnectionAuthorizationObject
public typealias Event = EventObject
public typealias Subagent = SubagentObject
public typealias WebhookDelivery = WebhookDeliveryObject
public typealias WebhookEndpoint = WebhookEndpointObject

/// A tool as the API shows it; the full definition stays available as JSON.
public struct Tool: Codable, Sendable, Equatable {
    public var name: String
    public var type: String
    public var description: String
}

struct Deleted: Codable, Sendable {
    var id: String?
    var deleted: Bool
}
