import Foundation

/// Test-key executors of the built-in tools: each definition run against its provider sandbox,
/// so test keys go through the same parameter, pagination and result handling as live keys.
public enum BuiltInSandboxes {
    public static func executors(now: @escaping @Sendable () -> Date) -> [String: any ToolExecutor] {
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
}
