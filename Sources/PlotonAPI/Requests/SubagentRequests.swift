/// `POST /v1/subagents`.
public struct CreateSubagentRequest: RequestBody, Equatable {
    public var name: String
    public var prompt: String

    public init(name: String, prompt: String) {
        self.name = name
        self.prompt = prompt
    }

    public typealias Field = SubagentRequestField
    public static let requiredFields: Set = ["name", "prompt"]

    public init(from decoder: any Decoder) throws {
        let fields = try RequestFields<Field>(from: decoder)
        (name, prompt) = (try fields.requiredString(.name), try fields.requiredString(.prompt))
    }

    public func encode(to encoder: any Encoder) throws { try Field.encode(name: name, prompt: prompt, to: encoder) }
}

/// `PATCH /v1/subagents/{id}`: what is given changes; a new prompt derives the tools again.
public struct UpdateSubagentRequest: RequestBody, Equatable {
    public var name: String?
    public var prompt: String?

    public init(name: String? = nil, prompt: String? = nil) {
        self.name = name
        self.prompt = prompt
    }

    public typealias Field = SubagentRequestField
    public static let requiredFields: Set<String> = []

    public init(from decoder: any Decoder) throws {
        let fields = try RequestFields<Field>(from: decoder)
        (name, prompt) = (try fields.string(.name), try fields.string(.prompt))
    }

    public func encode(to encoder: any Encoder) throws { try Field.encode(name: name, prompt: prompt, to: encoder) }
}

/// The fields of both subagent requests: a name and a domain prompt.
public enum SubagentRequestField: String, CodingKey, CaseIterable {
    case name, prompt

    /// Writes the fields that are given.
    static func encode(name: String?, prompt: String?, to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Self.self)
        try container.encodeIfPresent(name, forKey: .name)
        try container.encodeIfPresent(prompt, forKey: .prompt)
    }
}
