/// `POST /v1/subagents`.
public struct CreateSubagentRequest: RequestBody, Equatable {
    public var name: String
    public var prompt: String

    public init(name: String, prompt: String) {
        self.name = name
        self.prompt = prompt
    }

    public enum Field: String, CodingKey, CaseIterable { case name, prompt }
    public static let requiredFields: Set = ["name", "prompt"]

    public init(from decoder: any Decoder) throws {
        let fields = try RequestFields<Field>(from: decoder)
        name = try fields.requiredString(.name)
        prompt = try fields.requiredString(.prompt)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Field.self)
        try container.encode(name, forKey: .name)
        try container.encode(prompt, forKey: .prompt)
    }
}

/// `PATCH /v1/subagents/{id}`: what is given changes; a new prompt derives the tools again.
public struct UpdateSubagentRequest: RequestBody, Equatable {
    public var name: String?
    public var prompt: String?

    public init(name: String? = nil, prompt: String? = nil) {
        self.name = name
        self.prompt = prompt
    }

    public enum Field: String, CodingKey, CaseIterable { case name, prompt }
    public static let requiredFields: Set<String> = []

    public init(from decoder: any Decoder) throws {
        let fields = try RequestFields<Field>(from: decoder)
        name = try fields.string(.name)
        prompt = try fields.string(.prompt)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Field.self)
        try container.encodeIfPresent(name, forKey: .name)
        try container.encodeIfPresent(prompt, forKey: .prompt)
    }
}
