/// The request path as it may be written to a log: hosted pages that carry their bearer token in
/// the path (`/approve/{token}`, `/settings/{token}/revoke`) show `<redacted>` in its place. Query
/// strings, which carry the others (`?session=`, `?code=&state=`, `?token=`), are never logged
/// (`RedactingLogHandler` writes a trace-level request head's query as `?<redacted>`).
enum LoggedPath {
    /// First path segments whose next segment is a token.
    static let tokenBearing: Set<String> = ["approve", "settings"]

    static func redacting(_ path: String) -> String {
        // Segments as the router sees them (empty ones dropped), so `//approve//tok` is caught too.
        var segments = path.split(separator: "/").map(String.init)
        if let first = segments.first, tokenBearing.contains(first.lowercased()), segments.count > 1 {
            segments[1] = "<redacted>"
        }
        return "/" + segments.joined(separator: "/")
    }
}
