import Foundation

/// A subagent: a named domain prompt and the tools it may use. `type` is `custom` (deployed with
/// `POST /v1/subagents`) or `prebuilt` (every account has them; they cannot be changed).
/// `tools` lists the tool names in its boundary and `tools_available` counts them. Every field is
/// always present; prebuilt subagents have `null` timestamps.
public struct SubagentObject: Codable, Sendable, Equatable {
    public var id: String
    public var object = "subagent"
    public var name: String
    public var type: String
    public var prompt: String
    public var tools: [String]
    public var toolsAvailable: Int
    public var livemode: Bool
    public var createdAt: Date?
    public var updatedAt: Date?

    public init(
        id: String, name: String, type: String, prompt: String, tools: [String], livemode: Bool, createdAt: Date?, updatedAt: Date?
    ) {
        self.id = id
        self.name = name
        self.type = type
        self.prompt = prompt
        self.tools = tools
        self.toolsAvailable = tools.count
        self.livemode = livemode
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, object, name, type, prompt, tools, livemode
        case toolsAvailable = "tools_available"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(object, forKey: .object)
        try container.encode(name, forKey: .name)
        try container.encode(type, forKey: .type)
        try container.encode(prompt, forKey: .prompt)
        try container.encode(tools, forKey: .tools)
        try container.encode(toolsAvailable, forKey: .toolsAvailable)
        try container.encode(livemode, forKey: .livemode)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(updatedAt, forKey: .updatedAt)
    }
}
