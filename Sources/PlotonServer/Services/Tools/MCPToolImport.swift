import Foundation
import PlotonCore

/// A remote MCP server's `tools/list` as capabilities: names made valid capability names (the
/// MCP name is kept as the path), `inputSchema` properties as parameters, and annotations as
/// flags: anything not marked read-only has side effects, and a tool marked destructive needs
/// approval.
enum MCPToolImport {
    static let maxNameLength = 64

    static func capabilities(_ tools: [JSONValue]) -> [ToolDefinition.Capability] {
        var taken = Set<String>()
        return tools.compactMap { tool in
            guard let remote = tool.value(at: "name")?.stringValue, !remote.isEmpty, !remote.contains("{"), !remote.contains("}")
            else { return nil }
            var name = capabilityName(remote)
            var suffix = 2
            while taken.contains(name) {
                name = String(capabilityName(remote).prefix(maxNameLength - 3)) + "_\(suffix)"
                suffix += 1
            }
            taken.insert(name)
            let schema = tool.value(at: "inputSchema")
            let required = Set(schema?.value(at: "required")?.arrayValue?.compactMap(\.stringValue) ?? [])
            var parameters: [String: ToolDefinition.Parameter] = [:]
            for (key, property) in schema?.value(at: "properties")?.objectValue ?? [:] {
                parameters[key] = ToolDefinition.Parameter(
                    type: type(of: property), required: required.contains(key), default: property.value(at: "default"),
                    description: property.value(at: "description")?.stringValue ?? property.value(at: "title")?.stringValue ?? "",
                    in: .body)
            }
            let readOnly = tool.value(at: "annotations.readOnlyHint") == .bool(true)
            return ToolDefinition.Capability(
                name: name, description: tool.value(at: "description")?.stringValue ?? tool.value(at: "title")?.stringValue ?? remote,
                method: "POST", path: "/" + remote, parameters: parameters, sideEffect: !readOnly,
                requiresApproval: !readOnly && tool.value(at: "annotations.destructiveHint") == .bool(true))
        }
    }

    /// A `tools/call` result as a step's output: the structured content, else the text (as JSON when
    /// it is JSON). A result marked `isError` fails the step with the server's text.
    static func output(_ result: JSONValue, service: String) throws -> JSONValue {
        let text = (result.value(at: "content")?.arrayValue ?? []).compactMap { $0.value(at: "text")?.stringValue }.joined(separator: "\n")
        if result.value(at: "isError") == .bool(true) {
            throw ToolFailure(code: "service_error", message: "\(service) answered with an error: \(text.prefix(500))")
        }
        if let structured = result.value(at: "structuredContent"), structured != .null { return structured }
        return JSONValue.parse(text) ?? .string(text)
    }

    /// `get-weather.v2` → `get_weather_v2`; a capability name starts with a letter.
    static func capabilityName(_ remote: String) -> String {
        var name = String(remote.lowercased().map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") ? $0 : "_" })
        if name.first?.isLetter != true { name = "t_" + name }
        return String(name.prefix(maxNameLength))
    }

    /// The JSON Schema type, or the first non-null one of a list; anything else is taken as a string.
    private static func type(of property: JSONValue) -> ToolDefinition.Parameter.ValueType {
        let declared = property.value(at: "type")
        let names = declared?.arrayValue?.compactMap(\.stringValue) ?? declared?.stringValue.map { [$0] } ?? []
        return names.lazy.filter { $0 != "null" }.compactMap(ToolDefinition.Parameter.ValueType.init(rawValue:)).first ?? .string
    }
}
