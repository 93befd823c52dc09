import Foundation

/// Reads and checks a tool definition, naming the exact field at fault (`capabilities[0].method`).
public enum ToolDefinitionValidator {
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public enum Kind: Sendable { case missing, invalid }
        public var kind: Kind
        public var field: String
        public var message: String

        public var description: String { "\(field): \(message)" }
    }

    // `\A…\z`, never `^…$`: `$` also matches before a final newline, so "crm\n" would pass.
    static let namePattern = try! NSRegularExpression(pattern: #"\A[a-z][a-z0-9_-]{1,63}\z"#)
    static let capabilityPattern = try! NSRegularExpression(pattern: #"\A[a-z][a-z0-9_]{0,63}\z"#)
    static let methods: Set<String> = ["GET", "POST", "PUT", "PATCH", "DELETE"]

    public static func decode(_ value: JSONValue) throws(Problem) -> ToolDefinition {
        let definition: ToolDefinition
        do {
            definition = try JSONDecoder().decode(ToolDefinition.self, from: Data(value.jsonText.utf8))
        } catch let error as DecodingError {
            throw problem(from: error)
        } catch {
            throw Problem(kind: .invalid, field: "definition", message: "is not a tool definition")
        }
        try validate(definition)
        return definition
    }

    public static func validate(_ definition: ToolDefinition) throws(Problem) {
        func invalid(_ field: String, _ message: String) -> Problem { Problem(kind: .invalid, field: field, message: message) }
        // Definitions are kept as jsonb on PostgreSQL, which cannot hold U+0000; no definition needs one.
        if let field = fieldHoldingNUL(definition) { throw invalid(field, "must not contain the NUL character (\\u0000)") }
        guard matches(namePattern, definition.name) else {
            throw invalid("name", "must be 2–64 characters of a-z, 0-9, '-' and '_', starting with a letter")
        }
        guard isHTTPURL(definition.baseURL) else { throw invalid("base_url", "must be an absolute http(s) URL") }
        // Tokens and the client secret go to the revocation endpoint too: it is held to the same rule.
        if let revokeURL = definition.auth.revokeURL, !isHTTPURL(revokeURL) {
            throw invalid("auth.revoke_url", "must be an absolute http(s) URL")
        }
        if let resource = definition.auth.resource, !isHTTPURL(resource) {
            throw invalid("auth.resource", "must be an absolute http(s) URL")
        }
        switch definition.auth.type {
        case .oauth2 where definition.isMCP:
            // An MCP server's endpoints and client are discovered (and the client registered) when it is registered.
            for (field, value) in [("authorize_url", definition.auth.authorizeURL), ("token_url", definition.auth.tokenURL)] {
                if let value, !isHTTPURL(value) { throw invalid("auth.\(field)", "must be an absolute http(s) URL") }
            }
        case .oauth2:
            for (field, value) in [("authorize_url", definition.auth.authorizeURL), ("token_url", definition.auth.tokenURL)] {
                guard let value, isHTTPURL(value) else {
                    throw invalid("auth.\(field)", "is required for oauth2 and must be an absolute http(s) URL")
                }
            }
            guard definition.auth.clientID != nil || definition.auth.clientIDEnv != nil else {
                throw invalid("auth.client_id", "oauth2 needs client_id or client_id_env")
            }
        case .apiKey:
            if let header = definition.auth.header, !HTTPHeaderName.isValid(header) {
                throw invalid("auth.header", "must be a header name (ASCII letters, digits and !#$%&'*+-.^_`|~)")
            }
        case .none, .bearer, .basic: break
        }
        // An MCP server's capabilities are discovered (tools/list), so it may be registered before it has any.
        guard !definition.capabilities.isEmpty || definition.isMCP else {
            throw invalid("capabilities", "must list at least one capability")
        }
        var seen = Set<String>()
        for (index, capability) in definition.capabilities.enumerated() {
            let at = "capabilities[\(index)]"
            guard matches(capabilityPattern, capability.name) else {
                throw invalid("\(at).name", "must be 1–64 characters of a-z, 0-9 and '_', starting with a letter")
            }
            guard seen.insert(capability.name).inserted else { throw invalid("\(at).name", "'\(capability.name)' appears twice") }
            guard methods.contains(capability.method.uppercased()) else {
                throw invalid("\(at).method", "must be GET, POST, PUT, PATCH or DELETE")
            }
            guard capability.path.hasPrefix("/") else { throw invalid("\(at).path", "must start with '/'") }
            let placeholders = Set(pathPlaceholders(capability.path))
            for name in placeholders {
                guard let parameter = capability.parameters[name], parameter.in == .path || parameter.in == nil else {
                    throw invalid("\(at).path", "uses {\(name)}, which is not a path parameter")
                }
            }
            for (name, parameter) in capability.parameters where parameter.in == .header && !HTTPHeaderName.isValid(name) {
                throw invalid(
                    "\(at).parameters.\(name)",
                    "is a header parameter, so its name must be a header name (ASCII letters, digits and !#$%&'*+-.^_`|~)")
            }
            for (name, parameter) in capability.parameters where capability.location(of: name) == .path || parameter.in == .path {
                guard placeholders.contains(name) else {
                    throw invalid("\(at).parameters.\(name).in", "is a path parameter missing from path")
                }
            }
            if let pagination = capability.pagination {
                guard !pagination.cursorPath.isEmpty, !pagination.cursorParam.isEmpty else {
                    throw invalid("\(at).pagination", "needs cursor_path and cursor_param")
                }
                guard (1...100).contains(pagination.maxPages) else { throw invalid("\(at).pagination.max_pages", "must be 1 to 100") }
                if let size = pagination.sizeParam, capability.parameters[size] == nil {
                    throw invalid("\(at).pagination.size_param", "names no parameter of the capability")
                }
            }
            for (position, field) in (capability.fields ?? []).enumerated() {
                let place = "\(at).fields[\(position)]"
                guard !field.name.trimmingCharacters(in: .whitespaces).isEmpty else { throw invalid("\(place).name", "must not be empty") }
                guard !field.paths.isEmpty, field.paths.allSatisfy({ !$0.isEmpty }) else {
                    throw invalid("\(place).path", "must be a dotted path, or a list of them")
                }
            }
        }
    }

    public static func pathPlaceholders(_ path: String) -> [String] {
        var names: [String] = []
        var rest = Substring(path)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }

    /// The path (`capabilities[0].description`) of the first key or string holding U+0000, if any.
    private static func fieldHoldingNUL(_ definition: ToolDefinition) -> String? {
        guard let data = try? JSONEncoder().encode(definition), let value = try? JSONDecoder().decode(JSONValue.self, from: data)
        else { return nil }
        return value.pathHoldingNUL()
    }

    private static func isHTTPURL(_ text: String) -> Bool {
        guard let url = URL(string: text), ["http", "https"].contains(url.scheme ?? "") else { return false }
        return url.host?.isEmpty == false
    }

    /// A whole-string match: the pattern must cover every character of `text`.
    static func matches(_ pattern: NSRegularExpression, _ text: String) -> Bool {
        let whole = NSRange(text.startIndex..., in: text)
        return pattern.firstMatch(in: text, options: [.anchored], range: whole)?.range == whole
    }

    private static func problem(from error: DecodingError) -> Problem {
        func path(_ keys: [any CodingKey]) -> String {
            keys.reduce("") { result, key in
                if let index = key.intValue { return result + "[\(index)]" }
                return result.isEmpty ? key.stringValue : result + "." + key.stringValue
            }
        }
        switch error {
        case .keyNotFound(let key, let context):
            return Problem(kind: .missing, field: path(context.codingPath + [key]), message: "is required")
        case .valueNotFound(_, let context):
            return Problem(kind: .missing, field: path(context.codingPath), message: "is required")
        case .typeMismatch(let type, let context):
            return Problem(kind: .invalid, field: path(context.codingPath), message: "must be \(typeName(type))")
        case .dataCorrupted(let context):
            return Problem(kind: .invalid, field: path(context.codingPath), message: "has a value that is not allowed")
        @unknown default:
            return Problem(kind: .invalid, field: "definition", message: "is not a tool definition")
        }
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "a boolean"
        case is Int.Type, is Double.Type: "a number"
        case is [Any].Type: "an array"
        default: "an object"
        }
    }
}
