import Foundation

/// The catalog's capabilities as chat-completions `tools` (functions with JSON Schema parameters),
/// and the way back from a function name to a tool and capability.
struct CapabilityFunctions {
    struct Entry {
        var tool: ToolDescriptor
        var capability: CapabilityDescriptor
    }

    private(set) var entries: [String: Entry] = [:]
    private(set) var definitions: [JSONValue] = []

    init(catalog: ToolCatalog, pinnedTool: String?) {
        let tools = catalog.tools.filter { pinnedTool == nil || $0.name == pinnedTool }
        for tool in tools {
            for capability in tool.capabilities {
                let name = Self.functionName(tool: tool.name, capability: capability.name)
                entries[name] = Entry(tool: tool, capability: capability)
                definitions.append(
                    .object([
                        "type": .string("function"),
                        "function": .object([
                            "name": .string(name),
                            "description": .string("\(tool.name) (\(tool.description)): \(capability.description)"),
                            "parameters": Self.schema(capability.parameters),
                        ]),
                    ]))
            }
        }
        definitions.sort { ($0.value(at: "function.name")?.stringValue ?? "") < ($1.value(at: "function.name")?.stringValue ?? "") }
    }

    /// Function names allow `[A-Za-z0-9_-]{1,64}`; `__` separates tool from capability.
    static func functionName(tool: String, capability: String) -> String {
        String("\(tool)__\(capability)".map { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" ? $0 : "_" }.prefix(64))
    }

    static func schema(_ parameters: [String: ToolDefinition.Parameter]) -> JSONValue {
        var properties: [String: JSONValue] = [:]
        for (name, parameter) in parameters {
            var property: [String: JSONValue] = ["type": .string(parameter.type.rawValue)]
            if !parameter.description.isEmpty { property["description"] = .string(parameter.description) }
            if let value = parameter.default { property["default"] = value }
            properties[name] = .object(property)
        }
        let required = parameters.filter { Self.mustBeGiven($0.value) }.keys.sorted().map(JSONValue.string)
        return .object(["type": .string("object"), "properties": .object(properties), "required": .array(required)])
    }

    /// A model's call checked against the catalog: a planned step, or what is wrong with it.
    func step(name: String, arguments: String, reason: String) -> Result<PlannedStep, ChatCompletionsError> {
        guard let entry = entries[name] else {
            return .failure(.init("There is no function named '\(name)'. Call one of the functions offered."))
        }
        guard let parsed = JSONValue.parse(arguments.isEmpty ? "{}" : arguments), let object = parsed.objectValue else {
            return .failure(.init("The arguments of '\(name)' are not a JSON object. Send the arguments as a JSON object."))
        }
        let parameters = entry.capability.parameters
        if let unknown = object.keys.sorted().first(where: { parameters[$0] == nil }) {
            return .failure(.init("'\(name)' has no parameter '\(unknown)'."))
        }
        if let missing = parameters.filter({ Self.mustBeGiven($0.value) && object[$0.key] == nil }).keys.sorted().first {
            return .failure(.init("'\(name)' needs the parameter '\(missing)'."))
        }
        for (key, value) in object.sorted(by: { $0.key < $1.key }) {
            guard let type = parameters[key]?.type, !Self.value(value, isA: type) else { continue }
            return .failure(.init("The parameter '\(key)' of '\(name)' must be of type \(type.rawValue), not \(value.typeName)."))
        }
        return .success(
            PlannedStep(
                tool: entry.tool.name, capability: entry.capability.name, input: object.mapValues { .literal($0) }, reason: reason))
    }

    static func mustBeGiven(_ parameter: ToolDefinition.Parameter) -> Bool { parameter.required && parameter.default == nil }

    static func value(_ value: JSONValue, isA type: ToolDefinition.Parameter.ValueType) -> Bool {
        switch (type, value) {
        case (.string, .string), (.number, .number), (.boolean, .bool), (.object, .object), (.array, .array): true
        case (.integer, .number(let number)): number.rounded() == number
        default: false
        }
    }
}
