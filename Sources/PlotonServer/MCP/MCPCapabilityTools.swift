import Foundation
import MCP
import PlotonCore

/// Each capability of the environment's tools as an MCP tool, `{tool}__{capability}`: its
/// parameters as JSON Schema, its flags as MCP annotations.
enum MCPCapabilityTools {
    static let separator = "__"
    /// The end user a call acts for, added to every capability that has no parameter of that name.
    static let userIDArgument = "user_id"

    static func name(_ tool: String, _ capability: String) -> String { tool + separator + capability }

    /// `crm__list_contacts` → (`crm`, `list_contacts`) when both exist in `catalog`.
    static func resolve(_ name: String, in catalog: ToolCatalog) -> (ToolDescriptor, CapabilityDescriptor)? {
        guard let range = name.range(of: separator) else { return nil }
        guard let tool = catalog.tool(String(name[..<range.lowerBound])),
            let capability = tool.capability(String(name[range.upperBound...]))
        else { return nil }
        return (tool, capability)
    }

    static func tools(_ catalog: ToolCatalog) -> [Tool] {
        catalog.tools.flatMap { tool in tool.capabilities.map { definition(tool, $0) } }
    }

    static func definition(_ tool: ToolDescriptor, _ capability: CapabilityDescriptor) -> Tool {
        var description = "\(capability.description) (\(tool.name): \(tool.description))"
        if capability.requiresApproval { description += " Waits for approval before it acts; approve with answer_task." }
        return Tool(
            name: name(tool.name, capability.name), title: "\(tool.name) · \(capability.name)", description: description,
            inputSchema: inputSchema(capability),
            annotations: .init(
                readOnlyHint: !capability.sideEffect, destructiveHint: capability.sideEffect ? capability.requiresApproval : nil,
                idempotentHint: !capability.sideEffect, openWorldHint: true))
    }

    static func inputSchema(_ capability: CapabilityDescriptor) -> Value {
        var properties: [String: Value] = [:]
        for (name, parameter) in capability.parameters {
            var property: [String: Value] = ["type": .string(parameter.type.rawValue), "description": .string(parameter.description)]
            if let value = parameter.default { property["default"] = MCPValues.value(value) }
            properties[name] = .object(property)
        }
        if properties[userIDArgument] == nil {
            properties[userIDArgument] = .object([
                "type": "string",
                "description":
                    "The end user this call acts for: Ploton uses their connection, and asks them to connect when they have none.",
            ])
        }
        let required = capability.parameters.filter { $0.value.required && $0.value.default == nil }.keys.sorted()
        return .object([
            "type": "object", "properties": .object(properties), "required": .array(required.map(Value.string)),
            "additionalProperties": false,
        ])
    }
}

/// MCP's `Value` and Ploton's `JSONValue` describe the same JSON.
enum MCPValues {
    static func value(_ json: JSONValue) -> Value {
        switch json {
        case .null: .null
        case .bool(let bool): .bool(bool)
        case .number(let number): Int(exactly: number).map(Value.int) ?? .double(number)
        case .string(let text): .string(text)
        case .array(let items): .array(items.map(value))
        case .object(let fields): .object(fields.mapValues(value))
        }
    }

    static func json(_ value: Value) -> JSONValue {
        switch value {
        case .null: .null
        case .bool(let bool): .bool(bool)
        case .int(let number): .number(Double(number))
        case .double(let number): .number(number)
        case .string(let text): .string(text)
        case .data(let mimeType, let data): .string("data:\(mimeType ?? "application/octet-stream");base64,\(data.base64EncodedString())")
        case .array(let items): .array(items.map(json))
        case .object(let fields): .object(fields.mapValues(json))
        }
    }
}
