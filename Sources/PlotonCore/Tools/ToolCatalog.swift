/// What the planner and the API know about tools: names, capabilities and their flags.
public struct ToolDescriptor: Sendable, Equatable {
    public var name: String
    public var description: String
    public var categories: [String]
    public var capabilities: [CapabilityDescriptor]

    public init(name: String, description: String, categories: [String], capabilities: [CapabilityDescriptor]) {
        self.name = name
        self.description = description
        self.categories = categories
        self.capabilities = capabilities
    }

    public func capability(_ name: String) -> CapabilityDescriptor? { capabilities.first { $0.name == name } }
}

public struct CapabilityDescriptor: Sendable, Equatable {
    public var name: String
    public var description: String
    public var sideEffect: Bool
    public var requiresApproval: Bool
    public var parameters: [String: ToolDefinition.Parameter]
    /// OAuth scopes the capability needs.
    public var scopes: [String]
    /// What the result's records hold (`fields` in the definition).
    public var fields: [ResultField]

    public init(
        name: String, description: String, sideEffect: Bool = false, requiresApproval: Bool = false,
        parameters: [String: ToolDefinition.Parameter] = [:], scopes: [String] = [], fields: [ResultField] = []
    ) {
        self.name = name
        self.description = description
        self.sideEffect = sideEffect
        self.requiresApproval = requiresApproval
        self.parameters = parameters
        self.scopes = scopes
        self.fields = fields
    }
}

public struct ToolCatalog: Sendable {
    public var tools: [ToolDescriptor]

    public init(tools: [ToolDescriptor]) { self.tools = tools }

    public func tool(_ name: String) -> ToolDescriptor? { tools.first { $0.name == name } }

    public func adding(_ more: [ToolDescriptor]) -> ToolCatalog { ToolCatalog(tools: tools + more) }

    /// The built-in tools available so far.
    public static let builtIn = ToolCatalog(tools: builtInDefinitions.map(\.descriptor))
    public static let builtInDefinitions =
        [Weather.definition] + BuiltInDefinitions.load(["crm", "payments", "chat", "email", "calendar", "storage"])
}
