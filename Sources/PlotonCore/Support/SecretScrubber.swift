/// Replaces a tool's own credentials wherever its answer repeats them: an echo service returns the
/// `Authorization` header it got, an error quotes the key it refused. Step outputs and errors are
/// stored, shown in traces and the dashboard, and sent in webhooks, where no credential may go.
public struct SecretScrubber: Sendable {
    /// Shorter values would be replaced wherever they happen to appear in ordinary text.
    static let minimumLength = 8
    let secrets: [String]

    /// `secrets`: the credential values and the header values built from them.
    public init(_ secrets: [String]) {
        // An answer may quote a header's credential without its scheme ("Basic dXNlcjpzZWNyZXQ=" as "dXNlcjpzZWNyZXQ=").
        let credentials = secrets.compactMap { $0.split(separator: " ", maxSplits: 1).dropFirst().first.map(String.init) }
        self.secrets = Set((secrets + credentials).filter { $0.count >= Self.minimumLength }).sorted { $0.count > $1.count }
    }

    public func scrub(_ text: String) -> String {
        secrets.reduce(text) { $0.replacingOccurrences(of: $1, with: "<redacted>") }
    }

    public func scrub(_ value: JSONValue) -> JSONValue {
        guard !secrets.isEmpty else { return value }
        switch value {
        case .string(let text): return .string(scrub(text))
        case .array(let items): return .array(items.map(scrub))
        case .object(let fields): return .object(fields.mapValues(scrub))
        default: return value
        }
    }

    public func scrub(_ outcome: StepOutcome) -> StepOutcome {
        guard case .completed(let output) = outcome else { return outcome }
        return .completed(scrub(output))
    }

    public func scrub(_ error: OAuthError) -> OAuthError {
        OAuthError(code: scrub(error.code), description: scrub(error.description))
    }

    public func scrub(_ failure: ToolFailure) -> ToolFailure {
        var scrubbed = failure
        scrubbed.message = scrub(failure.message)
        scrubbed.suggestion = failure.suggestion.map(scrub)
        return scrubbed
    }
}
