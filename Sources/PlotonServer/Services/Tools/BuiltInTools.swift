import Foundation
import PlotonCore

/// The built-in tools' live definitions with `PLOTON_TOOL_<NAME>_*_URL` overrides applied
/// (their sandboxes for test keys are `BuiltInSandboxes`).
enum BuiltInTools {
    static func liveDefinitions(overrides: [String: [String: String]]) -> [String: ToolDefinition] {
        var definitions: [String: ToolDefinition] = [:]
        for var definition in ToolCatalog.builtInDefinitions where definition.name != Weather.name {
            let override = overrides[definition.name] ?? [:]
            definition.baseURL = override["base_url"] ?? definition.baseURL
            definition.auth.authorizeURL = override["authorize_url"] ?? definition.auth.authorizeURL
            definition.auth.tokenURL = override["token_url"] ?? definition.auth.tokenURL
            definition.auth.revokeURL = override["revoke_url"] ?? definition.auth.revokeURL
            definitions[definition.name] = definition
        }
        return definitions
    }
}
