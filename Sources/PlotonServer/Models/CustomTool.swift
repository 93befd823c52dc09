import Fluent
import Foundation
import PlotonCore

/// A tool an operator registered, in one environment of one account. The definition is stored
/// without its OAuth client secret, which is sealed separately.
final class CustomTool: Model, @unchecked Sendable {
    static let schema = "custom_tools"

    @ID(key: .id) var id: UUID?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date
    @Parent(key: "account_id") var account: Account
    @Field(key: "environment") var environment: PlotonEnvironment
    @Field(key: "name") var name: String
    /// Without its client secret.
    @Field(key: "definition") var storedDefinition: StoredJSON<ToolDefinition>
    @OptionalField(key: "sealed_client_secret") var sealedClientSecret: String?

    init() {}

    init(accountID: String, environment: PlotonEnvironment, definition: ToolDefinition, now: Date) {
        self.$account.id = accountID
        self.environment = environment
        self.name = definition.name
        self.storedDefinition = StoredJSON(definition)
        self.createdAt = now
        self.updatedAt = now
    }

    var definition: ToolDefinition {
        get { storedDefinition.value }
        set { storedDefinition.value = newValue }
    }

    static func associatedData(accountID: String, environment: String, tool: String, purpose: String) -> String {
        "\(purpose)|\(accountID)|\(environment)|\(tool)"
    }
}

/// Account-level credentials for a tool (`api_key`, `bearer` or `basic`), sealed, write-only.
final class ToolCredential: Model, @unchecked Sendable {
    static let schema = "tool_credentials"

    @ID(key: .id) var id: UUID?
    @Field(key: "updated_at") var updatedAt: Date
    @Parent(key: "account_id") var account: Account
    @Field(key: "environment") var environment: PlotonEnvironment
    @Field(key: "tool") var tool: String
    @Field(key: "kind") var kind: Kind
    @Field(key: "sealed_secret") var sealedSecret: String

    /// Which of `ToolCredentials` the sealed secret holds.
    enum Kind: String, Codable { case apiKey = "api_key", bearer, basic }

    init() {}
}
