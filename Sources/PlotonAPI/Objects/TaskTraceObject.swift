import Foundation

/// `GET /v1/tasks/{id}/trace`: the generated workflow and every executed step.
public struct TaskTraceObject: Codable, Sendable, Equatable {
    public struct Step: Codable, Sendable, Equatable {
        public var index: Int
        public var tool: String
        public var capability: String
        public var status: String
        public var input: JSONValue
        public var output: JSONValue?
        public var outputSummary: String?
        public var error: JSONValue?
        public var attempts: Int
        public var recoveries: [JSONValue]
        public var sideEffect: Bool
        public var idempotencyKey: String
        public var startedAt: Date
        public var finishedAt: Date?
        public var durationMs: Int?

        public init(
            index: Int, tool: String, capability: String, status: String, input: JSONValue, output: JSONValue?, outputSummary: String?,
            error: JSONValue?, attempts: Int, recoveries: [JSONValue], sideEffect: Bool, idempotencyKey: String, startedAt: Date,
            finishedAt: Date?, durationMs: Int?
        ) {
            self.index = index
            self.tool = tool
            self.capability = capability
            self.status = status
            self.input = input
            self.output = output
            self.outputSummary = outputSummary
            self.error = error
            self.attempts = attempts
            self.recoveries = recoveries
            self.sideEffect = sideEffect
            self.idempotencyKey = idempotencyKey
            self.startedAt = startedAt
            self.finishedAt = finishedAt
            self.durationMs = durationMs
        }

        enum CodingKeys: String, CodingKey {
            case index, tool, capability, status, input, output, error, attempts, recoveries
            case outputSummary = "output_summary"
            case sideEffect = "side_effect"
            case idempotencyKey = "idempotency_key"
            case startedAt = "started_at"
            case finishedAt = "finished_at"
            case durationMs = "duration_ms"
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(index, forKey: .index)
            try container.encode(tool, forKey: .tool)
            try container.encode(capability, forKey: .capability)
            try container.encode(status, forKey: .status)
            try container.encode(input, forKey: .input)
            try container.encode(output, forKey: .output)
            try container.encode(outputSummary, forKey: .outputSummary)
            try container.encode(error, forKey: .error)
            try container.encode(attempts, forKey: .attempts)
            try container.encode(recoveries, forKey: .recoveries)
            try container.encode(sideEffect, forKey: .sideEffect)
            try container.encode(idempotencyKey, forKey: .idempotencyKey)
            try container.encode(startedAt, forKey: .startedAt)
            try container.encode(finishedAt, forKey: .finishedAt)
            try container.encode(durationMs, forKey: .durationMs)
        }
    }

    public var object = "task_trace"
    public var taskID: String
    public var status: TaskStatus
    public var planner: String?
    public var workflow: Workflow?
    public var steps: [Step]
    /// The OpenTelemetry trace the task's spans were exported in (the server's tracing on), to
    /// look it up in Jaeger, Tempo or Honeycomb; nil otherwise.
    public var traceID: String?

    public init(taskID: String, status: TaskStatus, planner: String?, workflow: Workflow?, steps: [Step], traceID: String? = nil) {
        self.taskID = taskID
        self.status = status
        self.planner = planner
        self.workflow = workflow
        self.steps = steps
        self.traceID = traceID
    }

    enum CodingKeys: String, CodingKey {
        case object, status, planner, workflow, steps
        case taskID = "task_id"
        case traceID = "trace_id"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(object, forKey: .object)
        try container.encode(taskID, forKey: .taskID)
        try container.encode(status, forKey: .status)
        try container.encode(planner, forKey: .planner)
        try container.encode(workflow, forKey: .workflow)
        try container.encode(steps, forKey: .steps)
        try container.encode(traceID, forKey: .traceID)
    }
}
