import Fluent
import Foundation
import PlotonAPI

/// One record of a built-in tool's sandbox (a CRM contact, a deal, …) for one end user.
final class SandboxRecord: Model, @unchecked Sendable {
    static let schema = "sandbox_records"

    @ID(key: .id) var id: UUID?
    @Parent(key: "account_id") var account: Account
    @Field(key: "environment") var environment: PlotonEnvironment
    /// The end user (`user_id`), or empty for tasks without one.
    @Field(key: "user_key") var userKey: String
    @Field(key: "tool") var tool: String
    @Field(key: "collection") var collection: String
    @Field(key: "record_id") var recordID: String
    @Field(key: "position") var position: Int
    @Field(key: "data") var data: StoredJSON<JSONValue>

    init() {}
}
