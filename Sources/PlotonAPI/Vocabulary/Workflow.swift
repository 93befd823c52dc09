import Foundation

/// What the planner decided: ordered steps, each a tool capability with its input, and the fields the
/// caller asked for in the result.
public struct Workflow: Sendable, Codable, Equatable {
    public var steps: [PlannedStep]
    /// Requested result fields in the caller's words ("temperature", "conditions"); empty = whole output.
    public var resultFields: [String]
    /// Which step's output the result is made from (default: the last).
    public var resultStep: Int?
    /// The end user the prompt names ("user_123's CRM"), used when the task has no `user_id`.
    public var userID: String?
    /// For a planner that decides step by step: each action the prompt asks for and the step that did
    /// it, checked before the task completes (`ActionCoverage`).
    public var actionsChecked: [String]?
    /// Requested fields no record of the result has (a list result cannot carry them itself).
    public var unmatchedFields: [String]?
    /// A figure the prompt asks of the result's records ("how many", "the total", "the largest"), computed
    /// from them when the task finishes.
    public var aggregate: ResultAggregate?

    public init(steps: [PlannedStep], resultFields: [String] = [], resultStep: Int? = nil, userID: String? = nil) {
        self.steps = steps
        self.resultFields = resultFields
        self.resultStep = resultStep
        self.userID = userID
    }

    enum CodingKeys: String, CodingKey {
        case steps
        case resultFields = "result_fields"
        case resultStep = "result_step"
        case userID = "user_id"
        case actionsChecked = "actions_checked"
        case unmatchedFields = "unmatched_fields"
        case aggregate
    }

    public var tools: [String] {
        var seen = Set<String>()
        return steps.map(\.tool).filter { seen.insert($0).inserted }
    }
}

/// What is computed from a list result: how many records (`count`), the sum of a field (`sum`), or the one
/// record with the highest or lowest value of a field (`max`, `min`).
public struct ResultAggregate: Sendable, Codable, Equatable {
    public enum Operation: String, Sendable, Codable { case count, sum, max, min }

    public var op: Operation
    /// The capability's declared result field summed or compared (`amount`, `next_billing_date`); none for `count`.
    public var field: String?

    public init(op: Operation, field: String? = nil) {
        self.op = op
        self.field = field
    }
}

public struct PlannedStep: Sendable, Codable, Equatable {
    public var tool: String
    public var capability: String
    /// Literal values, `{"$step": N, "path": "results.0.latitude"}` to use an earlier step's output,
    /// or `{"$template": "Invoice {{0.number}}"}` to compose text from earlier outputs.
    public var input: [String: JSONInput]
    /// Conditions that items of a list output must meet ("open deals", "created this month").
    public var keep: [OutputCondition]?
    /// Why the planner chose this step, shown in the trace.
    public var reason: String?

    public init(tool: String, capability: String, input: [String: JSONInput], keep: [OutputCondition]? = nil, reason: String? = nil) {
        self.tool = tool
        self.capability = capability
        self.input = input
        self.keep = keep
        self.reason = reason
    }
}

/// A condition on one field of a list item: equal to a value, a date on or after / before one, or a
/// number above / below one ("invoices over $500"); or the one item with the highest / lowest value of the
/// field, a number or a date ("the oldest open invoice", emailed), picked after the other conditions.
public struct OutputCondition: Sendable, Codable, Equatable {
    public enum Operator: String, Sendable, Codable { case equals, since, before, above, below, highest, lowest }

    public var path: String
    public var op: Operator
    public var value: JSONValue

    public init(path: String, op: Operator, value: JSONValue) {
        self.path = path
        self.op = op
        self.value = value
    }

    enum CodingKeys: String, CodingKey { case path, op, value }

    /// `highest` and `lowest` take no value, so it may be left out (as the docs write them).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        path = try container.decode(String.self, forKey: .path)
        op = try container.decode(Operator.self, forKey: .op)
        value = try container.decodeIfPresent(JSONValue.self, forKey: .value) ?? .null
    }
}

/// A step input value: a literal, or a reference to part of an earlier step's output.
public enum JSONInput: Sendable, Equatable, Codable {
    case literal(JSONValue)
    case reference(step: Int, path: String)
    /// Text with `{{step.path}}` or `{{step.path|format}}` placeholders (formats: money, upper, date).
    case template(String)

    public init(from decoder: any Decoder) throws {
        let value = try JSONValue(from: decoder)
        if case .object(let object) = value, case .number(let number)? = object["$step"], let step = Int(exactly: number),
            case .string(let path)? = object["path"]
        {
            self = .reference(step: step, path: path)
        } else if case .object(let object) = value, object.count == 1, case .string(let template)? = object["$template"] {
            self = .template(template)
        } else {
            self = .literal(value)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .literal(let value): try value.encode(to: encoder)
        case .reference(let step, let path):
            try JSONValue.object(["$step": .number(Double(step)), "path": .string(path)]).encode(to: encoder)
        case .template(let template): try JSONValue.object(["$template": .string(template)]).encode(to: encoder)
        }
    }
}
