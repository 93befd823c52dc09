import Foundation

/// Prompts with what a planner should make of them (issue 15): the steps, the values the prompt
/// states that must reach those steps, the result fields, or the reason it must not complete.
public struct PlannerEvaluationSet: Sendable, Codable {
    /// When the prompts are planned: relative dates ("tomorrow at 3pm") resolve against it, in UTC.
    public var now: Date
    public var cases: [Case]

    public struct Case: Sendable, Codable, Equatable {
        public enum Outcome: String, Sendable, Codable {
            case workflow
            case inputRequired = "input_required"
            case planningFailed = "planning_failed"
        }

        public var id: String
        public var prompt: String
        public var userID: String?
        public var pinnedTool: String?
        public var outcome: Outcome
        /// `tool.capability` in order; other read steps may come between them, and a read may come
        /// earlier than listed (before the actions it does not depend on).
        public var capabilities: [String]
        public var tools: [String]
        /// Per `tool.capability`: values that must appear in that step's input (or in the inputs of
        /// the earlier steps it reads from), compared case-insensitively.
        public var inputs: [String: [String]]
        /// Per `tool.capability`: parameters that must hold exactly these values (a dotted path into
        /// the step's literal input, `properties.dealstage`, `start.dateTime`; strings compared
        /// case-insensitively, numbers by value).
        public var inputsExact: [String: [String: JSONValue]]
        /// Per `tool.capability`: conditions the step must keep its list's items to (`{"path":
        /// "properties.hs_is_closed", "op": "equals", "value": "false"}`), among others it may have.
        public var keep: [String: [OutputCondition]]
        /// The end user the plan must read from the prompt ("the user alice_1"), when the task gives none.
        public var endUser: String?
        /// The figure the result must be of its records: `count`, or `sum:amount_due`, `max:amount`,
        /// `min:next_billing_date` (the operation and the capability's declared field).
        public var aggregate: String?
        /// The planning time of this case when it differs from the set's (a held-out round written
        /// against another date).
        public var now: Date?
        /// Result fields in the caller's words; compared after `FieldName.normalized`.
        public var fields: [String]?
        /// `input_required`: names the schema must ask for (`a|b`: either).
        public var missing: [String]
        /// `input_required`: names the prompt already gives, which the schema must not ask for.
        public var notAsked: [String]
        /// `planning_failed`: words the message must contain (the part that could not be planned).
        public var names: [String]
        /// A case that must not complete although it asks for an action: a workflow is a silent drop.
        public var action: Bool

        enum CodingKeys: String, CodingKey {
            case id, prompt, outcome, capabilities, tools, inputs, fields, missing, names, action
            case userID = "user_id"
            case pinnedTool = "pinned_tool"
            case notAsked = "not_asked"
            case inputsExact = "inputs_exact"
            case endUser = "end_user"
            case now, keep, aggregate
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try container.decode(String.self, forKey: .id)
            prompt = try container.decode(String.self, forKey: .prompt)
            userID = try container.decodeIfPresent(String.self, forKey: .userID)
            pinnedTool = try container.decodeIfPresent(String.self, forKey: .pinnedTool)
            outcome = try container.decodeIfPresent(Outcome.self, forKey: .outcome) ?? .workflow
            capabilities = try container.decodeIfPresent([String].self, forKey: .capabilities) ?? []
            tools = try container.decodeIfPresent([String].self, forKey: .tools) ?? []
            inputs = try container.decodeIfPresent([String: [String]].self, forKey: .inputs) ?? [:]
            inputsExact = try container.decodeIfPresent([String: [String: JSONValue]].self, forKey: .inputsExact) ?? [:]
            keep = try container.decodeIfPresent([String: [OutputCondition]].self, forKey: .keep) ?? [:]
            endUser = try container.decodeIfPresent(String.self, forKey: .endUser)
            aggregate = try container.decodeIfPresent(String.self, forKey: .aggregate)
            now = try container.decodeIfPresent(Date.self, forKey: .now)
            fields = try container.decodeIfPresent([String].self, forKey: .fields)
            missing = try container.decodeIfPresent([String].self, forKey: .missing) ?? []
            notAsked = try container.decodeIfPresent([String].self, forKey: .notAsked) ?? []
            names = try container.decodeIfPresent([String].self, forKey: .names) ?? []
            action = try container.decodeIfPresent(Bool.self, forKey: .action) ?? false
        }
    }

    public static func decode(_ data: Data) throws -> PlannerEvaluationSet {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(PlannerEvaluationSet.self, from: data)
    }

    /// The set shipped with Ploton (`Resources/planner-eval/cases.json`).
    public static func bundled() throws -> PlannerEvaluationSet {
        guard let url = Bundle.module.url(forResource: "cases", withExtension: "json", subdirectory: "planner-eval") else {
            throw CocoaError(.fileNoSuchFile)
        }
        return try decode(Data(contentsOf: url))
    }
}
