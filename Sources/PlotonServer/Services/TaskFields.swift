import Foundation
import PlotonAPI
import PlotonCore

/// The rules a new task's fields are held to, wherever the task comes from (`POST /v1/tasks`, MCP's
/// `run_task`); a subagent's prompt follows the task prompt's rules.
enum TaskFields {
    static let maxPromptLength = 10_000
    static let maxMetadataKeys = 50

    /// Characters are Unicode code points, as most clients count them (Python's `len`): counted as what a
    /// reader sees, 10,000 flags were 20,000 code points (80 KB) that took the planner seconds.
    static func prompt(_ prompt: String) throws -> String {
        let characters = prompt.unicodeScalars.count
        guard characters <= maxPromptLength else { throw TaskFieldError.promptTooLong(characters: characters) }
        // Blank when every code point is white space or a newline, which is when trimming them leaves nothing; looked for
        // without making the trimmed copy, stopping at the first other one (Foundation's trimming was 0.9 % of the server's
        // samples at the task engine's maximum rate, session 28).
        let blanks = CharacterSet.whitespacesAndNewlines
        guard prompt.unicodeScalars.contains(where: { !blanks.contains($0) }) else { throw TaskFieldError.blank("prompt") }
        return prompt
    }

    static func nonBlank(_ value: String?, _ name: String) throws -> String? {
        guard let value else { return nil }
        guard !value.trimmingCharacters(in: .whitespaces).isEmpty else { throw TaskFieldError.blank(name) }
        return value
    }

    static func metadata(_ metadata: [String: JSONValue]) throws -> [String: JSONValue] {
        guard metadata.count <= maxMetadataKeys else {
            throw TaskFieldError.tooManyMetadataKeys(metadata.count)
        }
        for (key, value) in metadata {
            guard !key.isEmpty, key.count <= 40 else { throw TaskFieldError.metadataKeyLength }
            guard value.jsonText.count <= 500 else { throw TaskFieldError.metadataValueTooLong(key: key) }
        }
        return metadata
    }

    /// The pinned tool; with a subagent, one of its tools.
    static func tool(_ tool: String?, catalog: ToolCatalog, subAgent: SubagentObject?) throws -> String? {
        guard let tool else { return nil }
        guard catalog.tool(tool) != nil else {
            let names = catalog.tools.map(\.name)
            if let subAgent { throw TaskFieldError.outsideSubagent(tool: tool, subagent: subAgent.name, available: names) }
            throw TaskFieldError.unknownTool(tool, available: names)
        }
        return tool
    }

    /// The subagent a task runs inside, by name or id.
    static func subAgent(_ reference: String?, in subagents: SubagentService) async throws -> SubagentObject? {
        guard let reference else { return nil }
        guard let subagent = try await subagents.find(reference) else { throw TaskFieldError.unknownSubagent(reference) }
        return subagent
    }

    static func webhookURL(_ url: String?) throws -> String? {
        guard let url else { return nil }
        // Only a valid URI, as for webhook endpoints (`WebhookEndpointService.url`).
        guard let parsed = URL(string: url, encodingInvalidCharacters: false),
            ["http", "https"].contains(parsed.scheme?.lowercased() ?? ""),
            parsed.host?.isEmpty == false
        else { throw TaskFieldError.webhookURL }
        return url
    }
}
