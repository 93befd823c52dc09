import Foundation

/// Runs one capability of a tool definition over any transport: applies parameter defaults,
/// checks required ones, keeps `filter` parameters local, follows the declared cursor
/// pagination, detects errors at `error_path`, and extracts `result_path`. Live tools fetch over
/// HTTP; sandboxes answer the same raw responses from their stored data, so both modes share it.
public enum DefinitionRunner {
    public typealias Fetch = @Sendable (_ capability: ToolDefinition.Capability, _ input: [String: JSONValue]) async throws -> JSONValue

    public static func run(_ definition: ToolDefinition, request: StepRequest, fetch: Fetch) async throws -> StepOutcome {
        guard let capability = definition.capability(request.capability) else {
            throw ToolFailure(code: "unknown_capability", message: "\(definition.name) has no capability \(request.capability).")
        }
        var input = request.input
        for (name, parameter) in capability.parameters where input[name] == nil {
            if let value = parameter.default {
                input[name] = value
            } else if parameter.required {
                throw ToolFailure(code: "invalid_input", message: "\(definition.name).\(capability.name) needs \(name).")
            }
        }
        let filterValue = capability.filter.flatMap { input.removeValue(forKey: $0.param) }
        var pages: [JSONValue] = []
        var cursor: JSONValue?
        // A page size the step set ("my next 5 meetings") is how many it wants in all; the default is only a page's.
        let wanted = capability.pagination?.sizeParam.flatMap { request.input[$0]?.numberValue }.map {
            // Any number a step sends: a huge or negative one, or NaN, is no crash.
            $0 >= Double(Int.max) ? Int.max : $0 > 0 ? Int($0) : 0
        }
        for _ in 0..<(capability.pagination?.maxPages ?? 1) {
            if let cursor, let pagination = capability.pagination { input[pagination.cursorParam] = cursor }
            for (name, value) in input where capability.location(of: name) == .path {
                _ = try pathSegment(value, name: name, of: "\(definition.name).\(capability.name)")
            }
            let body = try await fetch(capability, input)
            if let errorPath = capability.errorPath, let error = body.value(at: errorPath), error != .null, error != .bool(false) {
                throw ToolFailure(code: "service_error", message: "\(definition.name) answered with an error: \(text(error)).")
            }
            pages.append(capability.resultPath.map { extract($0, from: body) } ?? body)
            let collected = pages.reduce(0) { $0 + ($1.arrayValue?.count ?? 1) }
            guard let pagination = capability.pagination, let next = body.value(at: pagination.cursorPath), next != .null,
                next != .string(""), wanted.map({ collected < $0 }) ?? true
            else { break }
            cursor = next
        }
        var result = pages.count > 1 ? .array(pages.flatMap { $0.arrayValue ?? [$0] }) : (pages.first ?? .null)
        if let filter = capability.filter, let filterValue, case .array(let items) = result {
            let kept = items.filter { text($0.value(at: filter.field) ?? .null).lowercased() == text(filterValue).lowercased() }
            // "No channel named "releases" was found; channels: general, random": what exists, to fix the prompt with.
            guard !kept.isEmpty else {
                throw notFound(capability, definition: definition, looking: text(filterValue), among: items, field: filter.field)
            }
            result = .array(kept)
        }
        // A provider that answers a page larger than asked is cut to what was asked.
        if let wanted, case .array(let items) = result, items.count > wanted { result = .array(Array(items.prefix(wanted))) }
        return .completed(result)
    }

    /// The part of an answer at `path`. An answer without it found nothing (Gmail leaves `messages`
    /// out when a search matches no message): an empty list, or null when the path names one item
    /// (`data.0`), never the whole answer in its place.
    static func extract(_ path: String, from body: JSONValue) -> JSONValue {
        if let value = body.value(at: path), value != .null { return value }
        return path.split(separator: ".").last.flatMap { Int($0) } == nil ? .array([]) : .null
    }

    static func notFound(
        _ capability: ToolDefinition.Capability, definition: ToolDefinition, looking: String, among items: [JSONValue], field: String
    ) -> ToolFailure {
        let noun = StepReferences.noun(of: capability.name)
        // Creating the record first is advice only where the tool can create it (no tool here creates a channel).
        let creatable = definition.capability("create_\(noun.replacingOccurrences(of: " ", with: "_"))") != nil
        let names = items.compactMap { $0.value(at: field).map(text) }.filter { !$0.isEmpty }
        let shown = names.prefix(20).joined(separator: ", ") + (names.count > 20 ? ", …" : "")
        return ToolFailure(
            code: "not_found",
            message: "No \(noun) \(StepReferences.identified(by: looking)) was found (\(definition.name).\(capability.name))"
                + (names.isEmpty ? "; there are none." : "; \(noun)s: \(shown)."),
            recoverable: true,
            suggestion: "Name one of the \(noun)s that exist in the prompt" + (creatable ? ", or create the \(noun) first." : "."))
    }

    /// A path parameter's value as exactly one path segment: percent-encoded, `/` included, so it
    /// cannot add segments, a query or a fragment; `.`, `..` and the empty string, which URL
    /// resolution would fold into the segments around them, are refused before any request is made.
    public static func pathSegment(_ value: JSONValue, name: String, of capability: String) throws -> String {
        let raw = text(value)
        guard ![".", "..", ""].contains(raw) else {
            throw ToolFailure(
                code: "invalid_input",
                message: "\(capability) got \(raw.isEmpty ? "an empty" : "'\(raw)' as its") path parameter \(name); it must name one item.")
        }
        return raw.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? ""
    }

    /// A JSON value as a URL or form value.
    public static func text(_ value: JSONValue) -> String {
        switch value {
        case .string(let string): string
        case .number(let number): number.plainText
        case .bool(let bool): bool ? "true" : "false"
        default: value.jsonText
        }
    }
}

/// A built-in tool's sandbox: answers each capability with the raw response its provider would
/// send (envelopes, cursors and all), from per-user stored data.
public protocol ProviderSandbox: Sendable {
    func respond(_ request: StepRequest, capability: ToolDefinition.Capability, input: [String: JSONValue]) async throws -> JSONValue
}

/// Test-key execution of a built-in tool: its definition, run against its sandbox.
public struct SandboxedTool: ToolExecutor {
    public let definition: ToolDefinition
    public let sandbox: any ProviderSandbox

    public init(definition: ToolDefinition, sandbox: any ProviderSandbox) {
        self.definition = definition
        self.sandbox = sandbox
    }

    public func execute(_ request: StepRequest) async throws -> StepOutcome {
        try await DefinitionRunner.run(definition, request: request) { capability, input in
            try await sandbox.respond(request, capability: capability, input: input)
        }
    }
}
