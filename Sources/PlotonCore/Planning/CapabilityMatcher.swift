import Foundation

/// Plans a task pinned to a tool the embedded planner has no special knowledge of: the capability
/// whose name and description share the most words with the prompt, with parameters from the
/// caller's answers, defaults, and `name: value` / `name=value` pairs in the prompt. Required
/// parameters still missing become an `input_required` question.
public enum CapabilityMatcher {
    public static func plan(_ request: PlanningRequest, tool: ToolDescriptor) throws -> PlanningResult {
        // The tool's own name says nothing about which capability; a capability's name counts most.
        let words = PromptText.words(request.prompt).subtracting(PromptText.words(tool.name))
        let scored = tool.capabilities.map { capability -> (CapabilityDescriptor, Int) in
            let name = nameWords(capability)
            let vocabulary = name.union(PromptText.words(capability.description))
            return (capability, 10 * name.intersection(words).count + vocabulary.intersection(words).count)
        }
        guard let (capability, score) = scored.max(by: { $0.1 < $1.1 }), score > 0 || tool.capabilities.count == 1 else {
            let names = tool.capabilities.map(\.name).joined(separator: ", ")
            let understood = (["the service \(tool.name)"] + PromptText.understanding(of: request.prompt, now: request.now))
            throw PlanningFailure(
                message: "The prompt does not say which \(tool.name) action to take. Understood: \(understood.joined(separator: "; ")).",
                suggestion: "Name one of its capabilities in the prompt: \(names).")
        }
        let given = explicitValues(in: request.prompt)
        var input: [String: JSONInput] = [:]
        var missing: [String: JSONValue] = [:]
        for (name, parameter) in capability.parameters.sorted(by: { $0.key < $1.key }) {
            if let answer = request.input[name] {
                input[name] = .literal(answer)
            } else if let text = given[name.lowercased()] {
                input[name] = .literal(typed(text, as: parameter.type))
            } else if let value = inferred(name, parameter, prompt: request.prompt, now: request.now) {
                input[name] = .literal(value)
            } else if let value = parameter.default {
                input[name] = .literal(value)
            } else if parameter.required {
                missing[name] = .object([
                    "type": .string(parameter.type.rawValue), "description": .string(parameter.description),
                ])
            }
        }
        guard missing.isEmpty else {
            return .needsInput(
                schema: .object([
                    "type": .string("object"), "properties": .object(missing),
                    "required": .array(missing.keys.sorted().map(JSONValue.string)),
                ]),
                message: "\(tool.name).\(capability.name) needs: \(missing.keys.sorted().joined(separator: ", ")).")
        }
        return .workflow(
            Workflow(
                steps: byChannelID(PlannedStep(tool: tool.name, capability: capability.name, input: input), request),
                resultFields: PromptText.requestedFields(in: request.prompt)))
    }

    /// Slack reads a channel's messages by its id only (`conversations.history`): a channel named in
    /// the prompt ("list messages channel: #engineering") is found first and its id passed on.
    static func byChannelID(_ step: PlannedStep, _ request: PlanningRequest) -> [PlannedStep] {
        guard step.tool == "chat", step.capability == "list_messages", request.catalog.tool("chat")?.capability("find_channel") != nil,
            case .literal(let value)? = step.input["channel"], let written = value.stringValue,
            !(written.first.map { "CGD".contains($0) } == true && written.count >= 9
                && written.allSatisfy { $0.isUppercase || $0.isNumber })
        else { return [step] }
        let name = written.hasPrefix("#") ? String(written.dropFirst()) : written
        var read = step
        read.input["channel"] = .reference(step: 0, path: "0.id")
        return [PlannedStep(tool: "chat", capability: "find_channel", input: ["name": .literal(.string(name))]), read]
    }

    /// A custom tool (a remote MCP server, an in-house API) the prompt names, one of whose capability
    /// names it also uses: planned as if the task were pinned to it, before the built-in rules, which
    /// know nothing of it ("save the note 'hi' in notes" is not a file for storage).
    public static func namedCustomTool(in request: PlanningRequest) -> ToolDescriptor? {
        let words = PromptText.words(request.prompt)
        return request.catalog.tools.first { tool in
            let name = PromptText.words(tool.name)
            guard ToolCatalog.builtIn.tool(tool.name) == nil, name.isSubset(of: words) else { return false }
            let others = words.subtracting(name)
            return tool.capabilities.contains { !nameWords($0).isDisjoint(with: others) }
        }
    }

    static func nameWords(_ capability: CapabilityDescriptor) -> Set<String> {
        PromptText.words(capability.name.replacingOccurrences(of: "_", with: " "))
    }

    /// A value the prompt gives without naming the parameter: an email for `to`/`email`, an amount
    /// for `amount`, quoted text for `text`/`subject`/`body`, a `#channel`, a date for `…date`/`start`.
    static func inferred(_ name: String, _ parameter: ToolDefinition.Parameter, prompt: String, now: Date) -> JSONValue? {
        let key = name.lowercased()
        if ["to", "email", "recipient", "recipients"].contains(key) || key.hasSuffix("email"),
            let email = PromptText.emails(in: prompt).first
        {
            return .string(email)
        }
        if key.contains("amount"), let amount = PromptText.amounts(in: prompt).first {
            // Payment APIs take the smallest currency unit; an amount too large for it is not inferred.
            guard parameter.type == .integer else { return .number(amount) }
            let cents = (amount * 100).rounded()
            return cents.isFinite ? .number(cents) : nil
        }
        if ["text", "message", "body", "subject", "content", "title", "summary", "name", "query", "q"].contains(key),
            let quoted = PromptText.quoted(in: prompt)
        {
            return .string(quoted)
        }
        if key.contains("channel"), let channel = PromptText.channel(in: prompt) { return .string(channel) }
        if key.contains("date") || key.contains("start") || key.contains("time") || key.hasSuffix("min"),
            let range = PromptText.dateRange(in: prompt, now: now)
        {
            return .string(ISO8601DateFormatter().string(from: range.start))
        }
        return nil
    }

    /// `id: 42`, `id=42`, `email "ann@example.com"` style values, keyed by lower-cased name.
    static func explicitValues(in prompt: String) -> [String: String] {
        var values: [String: String] = [:]
        let tokens = prompt.split(whereSeparator: \.isWhitespace).map(String.init)
        for (index, token) in tokens.enumerated() {
            if let equals = token.firstIndex(of: "="), equals != token.startIndex {
                values[token[..<equals].lowercased()] = trimmed(String(token[token.index(after: equals)...]))
            } else if token.hasSuffix(":"), index + 1 < tokens.count {
                values[String(token.dropLast()).lowercased()] = trimmed(tokens[index + 1])
            }
        }
        return values.filter { !$0.value.isEmpty }
    }

    static func trimmed(_ text: String) -> String {
        text.trimmingCharacters(in: .init(charactersIn: "\"'.,;!?()"))
    }

    static func typed(_ text: String, as type: ToolDefinition.Parameter.ValueType) -> JSONValue {
        switch type {
        case .number, .integer: Double.finite(text).map(JSONValue.number) ?? .string(text)
        case .boolean:
            ["true", "yes"].contains(text.lowercased())
                ? .bool(true) : ["false", "no"].contains(text.lowercased()) ? .bool(false) : .string(text)
        default: .string(text)
        }
    }
}
