/// What the planner decided: ordered steps, each a tool capability with its input, and the fields the
/// caller asked for in the result.
public struct Workflow: Sendable, Codable, Equatable {
    public var steps: [PlannedStep]
    /// Requested result fields in the caller's words ("temperature", "conditions"); empty = whole output.
    public var resultFields: [String]
    /// Which step's output the result is made from (default: the last).
    public var resultStep: Int?

    public init(steps: [PlannedStep], resultFields: [String] = [], resultStep: Int? = nil) {
        self.steps = steps
        self.resultFields = resultFields
        self.resultStep = resultStep
    }

    enum CodingKeys: String, CodingKey {
        case steps
        case resultFields = "result_fields"
        case resultStep = "result_step"
    }

    public var tools: [String] {
        var seen = Set<String>()
        return steps.map(\.tool).filter { seen.insert($0).inserted }
    }
}

public struct PlannedStep: Sendable, Codable, Equatable {
    public var tool: String
    public var capability: String
    /// Literal values, or `{"$step": N, "path": "results.0.latitude"}` to use an earlier step's output.
    public var input: [String: JSONInput]

    public init(tool: String, capability: String, input: [String: JSONInput]) {
        self.tool = tool
        self.capability = capability
        self.input = input
    }
}

/// A step input value: a literal, or a reference to part of an earlier step's output.
public enum JSONInput: Sendable, Equatable, Codable {
    case literal(JSONValue)
    case reference(step: Int, path: String)

    public init(from decoder: any Decoder) throws {
        let value = try JSONValue(from: decoder)
        if case .object(let object) = value, case .number(let step)? = object["$step"], case .string(let path)? = object["path"] {
            self = .reference(step: Int(step), path: path)
        } else {
            self = .literal(value)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .literal(let value): try value.encode(to: encoder)
        case .reference(let step, let path):
            try JSONValue.object(["$step": .number(Double(step)), "path": .string(path)]).encode(to: encoder)
        }
    }
}
