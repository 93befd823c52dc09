import Foundation

/// Plans with a model behind an OpenAI-compatible chat-completions endpoint. Capabilities are
/// offered as functions; each turn the model either calls some (the engine runs them as steps and
/// the results go back to the model) or answers with the task's result as a JSON object. The loop
/// is bounded twice: `maxSteps` steps per task, and `maxCorrections` malformed turns per decision.
public struct LLMPlanner: IterativePlanner {
    public let name = "llm"
    public let client: any ChatCompletionsClient
    public let model: String
    public let maxSteps: Int
    public let maxCorrections: Int
    /// Tool output is cut to this many characters before the model sees it.
    public let maxOutputCharacters: Int

    public init(
        client: any ChatCompletionsClient, model: String, maxSteps: Int = 10, maxCorrections: Int = 2, maxOutputCharacters: Int = 16_000
    ) {
        self.client = client
        self.model = model
        self.maxSteps = maxSteps
        self.maxCorrections = maxCorrections
        self.maxOutputCharacters = maxOutputCharacters
    }

    /// The first turn alone: what a `mode:"test"` preview shows.
    public func plan(_ request: PlanningRequest) async throws -> PlanningResult {
        switch try await next(request, performed: []) {
        case .steps(let steps): return .workflow(Workflow(steps: steps, resultFields: PromptText.requestedFields(in: request.prompt)))
        case .finish: return .workflow(Workflow(steps: []))
        case .needsInput(let schema, let message): return .needsInput(schema: schema, message: message)
        }
    }

    public func next(_ request: PlanningRequest, performed: [PerformedStep]) async throws -> PlannerTurn {
        let functions = CapabilityFunctions(catalog: request.catalog, pinnedTool: request.pinnedTool)
        guard !functions.definitions.isEmpty else {
            throw PlanningFailure(message: "No tools are available to the model.", suggestion: "Register a tool or unpin `tool`.")
        }
        var messages = Self.opening(request) + performed.enumerated().flatMap { index, done in history(done, index: index) }
        for _ in 0...maxCorrections {
            let message = try await ask(messages: messages, functions: functions)
            let calls = message.value(at: "tool_calls")?.arrayValue ?? []
            let text = message.value(at: "content")?.stringValue?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            guard !calls.isEmpty else { return .finish(Self.result(from: text)) }

            var steps: [PlannedStep] = []
            var problems: [(id: String, problem: String)] = []
            for call in calls {
                let id = call.value(at: "id")?.stringValue ?? "call_\(problems.count + steps.count)"
                let name = call.value(at: "function.name")?.stringValue ?? ""
                let arguments = call.value(at: "function.arguments")?.stringValue ?? ""
                let reason = text.isEmpty ? "The model called \(name)." : text
                switch functions.step(name: name, arguments: arguments, reason: reason) {
                case .success(let step): steps.append(step)
                case .failure(let error): problems.append((id, error.message))
                }
            }
            guard !problems.isEmpty else { return .steps(steps) }
            // Tell the model what was wrong with each call (none of this turn's calls ran) and ask again.
            messages.append(message)
            for call in calls {
                let id = call.value(at: "id")?.stringValue ?? ""
                let problem = problems.first { $0.id == id }?.problem ?? "Not run, because another call in the same turn was invalid."
                messages.append(.object(["role": .string("tool"), "tool_call_id": .string(id), "content": .string("Error: " + problem)]))
            }
        }
        throw PlanningFailure(
            message: "The model kept making invalid tool calls (\(maxCorrections + 1) turns in a row).",
            suggestion: "Use a model with reliable tool calling (PLOTON_LLM_MODEL), or pin a tool with `tool`.")
    }

    private func ask(messages: [JSONValue], functions: CapabilityFunctions) async throws -> JSONValue {
        let body: JSONValue = .object([
            "model": .string(model), "messages": .array(messages), "tools": .array(functions.definitions),
            "tool_choice": .string("auto"),
        ])
        let response: JSONValue
        do {
            response = try await client.complete(body)
        } catch let error as ChatCompletionsError {
            throw PlanningFailure(
                code: .plannerUnavailable, message: "The language model could not be reached: \(error.message)",
                suggestion: "Check PLOTON_LLM_BASE_URL and PLOTON_LLM_API_KEY, then retry the task.")
        }
        guard let message = response.value(at: "choices.0.message"), message.objectValue != nil else {
            throw PlanningFailure(
                code: .plannerUnavailable, message: "The language model answered without a message.",
                suggestion: "Check that PLOTON_LLM_BASE_URL speaks the chat-completions protocol.")
        }
        return message
    }

    static func opening(_ request: PlanningRequest) -> [JSONValue] {
        let fields = PromptText.requestedFields(in: request.prompt).map(ResultShaper.key(for:))
        var system = """
            You carry out tasks for an end user by calling the functions offered, one step at a time. \
            Each function is a capability of a connected service. Use only values from the task, from \
            earlier function results, or from the end user's answers. When the task is done, reply \
            without calling a function: a single JSON object that is the task's result.
            """
        if !fields.isEmpty { system += " Its keys must be: \(fields.joined(separator: ", ")) (lists as arrays of such objects)." }
        var user = request.prompt
        if let userID = request.userID { user += "\n\nEnd user: \(userID)" }
        if !request.input.isEmpty { user += "\n\nAnswers from the end user: \(JSONValue.object(request.input).jsonText)" }
        user += "\n\nNow: \(ISO8601DateFormatter().string(from: request.now))"
        return [
            .object(["role": .string("system"), "content": .string(system)]),
            .object(["role": .string("user"), "content": .string(user)]),
        ]
    }

    /// A performed step as the model's call and the tool's answer.
    private func history(_ done: PerformedStep, index: Int) -> [JSONValue] {
        let id = "call_\(index)"
        let arguments = JSONValue.object(done.step.input.compactMapValues { if case .literal(let value) = $0 { value } else { nil } })
        var content =
            done.error.map { JSONValue.object(["error": .object(["code": .string($0.code.rawValue), "message": .string($0.message)])]) }
            .map(\.jsonText) ?? (done.output ?? .null).jsonText
        if content.count > maxOutputCharacters { content = String(content.prefix(maxOutputCharacters)) + "… (cut)" }
        return [
            .object([
                "role": .string("assistant"), "content": .null,
                "tool_calls": .array([
                    .object([
                        "id": .string(id), "type": .string("function"),
                        "function": .object([
                            "name": .string(CapabilityFunctions.functionName(tool: done.step.tool, capability: done.step.capability)),
                            "arguments": .string(arguments.jsonText),
                        ]),
                    ])
                ]),
            ]),
            .object(["role": .string("tool"), "tool_call_id": .string(id), "content": .string(content)]),
        ]
    }

    /// The model's answer as the result: its JSON object (code fences tolerated), else the text.
    static func result(from text: String) -> JSONValue {
        var body = text
        if body.hasPrefix("```") {
            body = body.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().joined(separator: "\n")
            if let fence = body.range(of: "```", options: .backwards) { body = String(body[..<fence.lowerBound]) }
        }
        if let parsed = JSONValue.parse(body.trimmingCharacters(in: .whitespacesAndNewlines)),
            parsed.objectValue != nil || parsed.arrayValue != nil
        {
            return parsed
        }
        return .object(["answer": .string(text)])
    }
}
