import Foundation
import PlotonCore

/// The built-in tools: their sandboxes for test keys, and their live definitions with
/// `PLOTON_TOOL_<NAME>_*_URL` overrides applied.
enum BuiltInTools {
    /// Each definition run against its provider sandbox, so test keys go through the same
    /// parameter, pagination and result handling as live keys.
    static func sandboxes(now: @escaping @Sendable () -> Date) -> [String: any ToolExecutor] {
        let providers: [String: any ProviderSandbox] = [
            "crm": CRMSandbox(now: now), "payments": PaymentsSandbox(now: now), "chat": ChatSandbox(now: now),
            "email": EmailSandbox(now: now), "calendar": CalendarSandbox(now: now), "storage": StorageSandbox(now: now),
        ]
        var executors: [String: any ToolExecutor] = [Weather.name: WeatherSandbox(now: now)]
        for definition in ToolCatalog.builtInDefinitions {
            if let sandbox = providers[definition.name] {
                executors[definition.name] = SandboxedTool(definition: definition, sandbox: sandbox)
            }
        }
        return executors
    }

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
