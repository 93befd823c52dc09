import Foundation
import PlotonAPI
import PlotonCore

/// A tool as the API shows it: its definition (never its secrets) plus `object`, `type`, whether
/// a client secret and account credentials are set, and timestamps for custom tools.
enum ToolPresenter {
    static func object(
        _ definition: ToolDefinition, type: String, clientSecretSet: Bool, credentialsConfigured: Bool, createdAt: Date?, updatedAt: Date?
    ) -> JSONValue {
        var public_ = definition
        public_.auth.clientSecret = nil
        var fields = public_.jsonValue.objectValue ?? [:]
        var auth = fields["auth"]?.objectValue ?? [:]
        auth["client_secret_set"] = .bool(clientSecretSet)
        fields["auth"] = .object(auth)
        fields["object"] = .string("tool")
        fields["type"] = .string(type)
        fields["sandbox"] = .bool(type == "builtin")
        fields["credentials_configured"] = .bool(credentialsConfigured)
        fields["created_at"] = createdAt.map { .string(ISO8601DateFormatter().string(from: $0)) } ?? .null
        fields["updated_at"] = updatedAt.map { .string(ISO8601DateFormatter().string(from: $0)) } ?? .null
        return .object(fields)
    }

    static func builtIn(_ definition: ToolDefinition, credentialsConfigured: Bool) -> JSONValue {
        object(
            definition, type: "builtin", clientSecretSet: false, credentialsConfigured: credentialsConfigured, createdAt: nil,
            updatedAt: nil)
    }

    static func custom(_ tool: CustomTool, credentialsConfigured: Bool) -> JSONValue {
        object(
            tool.definition, type: "custom",
            clientSecretSet: tool.sealedClientSecret != nil, credentialsConfigured: credentialsConfigured, createdAt: tool.createdAt,
            updatedAt: tool.updatedAt)
    }
}
