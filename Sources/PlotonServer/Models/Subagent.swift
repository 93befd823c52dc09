import Fluent
import Foundation
import PlotonCore

/// A deployed custom subagent: a named domain prompt and the tools derived from it.
final class Subagent: Model, @unchecked Sendable {
    static let schema = "subagents"

    @ID(custom: "id", generatedBy: .user) var id: String?
    @Parent(key: "account_id") var account: Account
    @Field(key: "environment") var environment: PlotonEnvironment
    @Field(key: "name") var name: String
    @Field(key: "prompt") var prompt: String
    @Field(key: "tools") var storedTools: StoredJSON<[String]>
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    init(accountID: String, environment: PlotonEnvironment, name: String, prompt: String, tools: [String], now: Date) {
        self.id = ObjectID.generateSortable(ObjectIDPrefix.subagent.rawValue)
        self.$account.id = accountID
        self.environment = environment
        self.name = name
        self.prompt = prompt
        self.storedTools = StoredJSON(tools)
        self.createdAt = now
        self.updatedAt = now
    }

    /// Tool names.
    var tools: [String] {
        get { storedTools.value }
        set { storedTools.value = newValue }
    }
}
