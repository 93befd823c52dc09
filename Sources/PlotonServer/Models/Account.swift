import Fluent
import Foundation

/// A tenant of this server. Every other object belongs to one account (and one environment).
final class Account: Model, @unchecked Sendable {
    static let schema = "accounts"
    static let defaultName = "default"

    @ID(custom: "id", generatedBy: .user) var id: String?
    @Field(key: "name") var name: String
    @Field(key: "created_at") var createdAt: Date
    /// When a worker last claimed one of its tasks: accounts with work take turns.
    @OptionalField(key: "last_claimed_at") var lastClaimedAt: Date?

    init() {}

    init(name: String, createdAt: Date) {
        self.id = ObjectIDPrefix.account.generate()
        self.name = name
        self.createdAt = createdAt
    }
}
