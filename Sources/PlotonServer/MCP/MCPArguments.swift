import PlotonAPI
import PlotonCore

/// The arguments of the task tools as typed values, read like a request body (PlotonAPI's
/// `RequestFields`: absent and `null` alike are not given, each type checked, the API's messages),
/// except that an unknown name is answered as MCP clients have always been told:
/// "Unknown argument 'x'. Allowed: …".
enum MCPArguments {
    /// The fields of `arguments`, every name one of `Field`'s (less `excluded`).
    static func read<Field: CodingKey & CaseIterable>(
        _ arguments: [String: JSONValue], as field: Field.Type, excluding excluded: Set<String> = []
    ) throws -> RequestFields<Field> {
        try refuseUnknown(arguments, allowed: Set(Field.allCases.map(\.stringValue)).subtracting(excluded))
        return try RequestFields<Field>(fields: arguments)
    }

    /// A capability tool's arguments are its parameters (and `user_id`), known only at run time.
    static func refuseUnknown(_ arguments: [String: JSONValue], allowed: Set<String>) throws {
        if let unknown = arguments.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw APIFailure(
                .invalidRequest, "Unknown argument '\(unknown)'. Allowed: \(allowed.sorted().joined(separator: ", ")).", param: unknown)
        }
    }

    /// Names, like a request body's strings, are at most 255 characters unless said otherwise.
    static let maxNameLength = 255
}

/// `run_task`: a prompt to plan and run, and how long to wait for it.
struct RunTaskArguments {
    enum Field: String, CodingKey, CaseIterable {
        case prompt, tool
        case userID = "user_id"
        case subAgent = "sub_agent"
        case timeoutSeconds = "timeout_seconds"
    }

    var subAgent: String?
    var prompt: String
    var userID: String?
    var tool: String?
    var timeoutSeconds: Int

    /// On a subagent's endpoint the subagent is fixed: `sub_agent` is not an argument there.
    init(_ arguments: [String: JSONValue], subagentEndpoint: Bool) throws {
        let fields = try MCPArguments.read(
            arguments, as: Field.self, excluding: subagentEndpoint ? [Field.subAgent.stringValue] : [])
        subAgent = try fields.string(.subAgent, maxLength: MCPArguments.maxNameLength)
        prompt = try TaskFields.prompt(fields.requiredString(.prompt))
        userID = try TaskFields.nonBlank(fields.string(.userID, maxLength: MCPArguments.maxNameLength), "user_id")
        tool = try fields.string(.tool, maxLength: MCPArguments.maxNameLength)
        timeoutSeconds =
            try fields.integer(.timeoutSeconds).within(0...MCPTaskTools.maxTimeout, Field.timeoutSeconds.stringValue)
            ?? MCPTaskTools.defaultTimeout
    }
}

/// `get_task` and `cancel_task`: which task.
struct TaskIDArguments {
    enum Field: String, CodingKey, CaseIterable {
        case taskID = "task_id"
    }

    var taskID: String

    init(_ arguments: [String: JSONValue]) throws {
        taskID = try MCPArguments.read(arguments, as: Field.self).requiredString(.taskID, maxLength: MCPArguments.maxNameLength)
    }
}

/// `answer_task`: input for `input_required`, or a decision for `approval_required`.
struct AnswerTaskArguments {
    enum Field: String, CodingKey, CaseIterable {
        case input, approve
        case taskID = "task_id"
    }

    var taskID: String
    var input: [String: JSONValue]?
    var approve: Bool?

    init(_ arguments: [String: JSONValue]) throws {
        let fields = try MCPArguments.read(arguments, as: Field.self)
        taskID = try fields.requiredString(.taskID, maxLength: MCPArguments.maxNameLength)
        input = try fields.object(.input)
        approve = try fields.bool(.approve)
    }
}

/// A capability tool's `user_id` (when the capability has no parameter of that name).
struct CapabilityUserArgument {
    enum Field: String, CodingKey, CaseIterable {
        case userID = "user_id"
    }

    /// The end user named by `value`, held to a task's `user_id` rules.
    static func userID(_ value: JSONValue) throws -> String? {
        let fields = try RequestFields<Field>(fields: [Field.userID.stringValue: value])
        return try TaskFields.nonBlank(fields.string(.userID, maxLength: MCPArguments.maxNameLength), "user_id")
    }
}
