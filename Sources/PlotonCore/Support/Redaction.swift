/// Hides secret-looking values before anything is written to a trace or a log.
public enum Redaction {
    static let secretKeyFragments = ["password", "secret", "token", "api_key", "apikey", "authorization", "credential", "private_key"]

    private static let fragmentBytes = secretKeyFragments.map { Array($0.utf8) }

    /// Matched as bytes: Foundation's `contains` (a `range(of:)` per fragment) was 1 % of the server's samples at the task
    /// engine's maximum rate (session 27: each step's input is redacted at its create). The fragments are ASCII, so every
    /// match of the lowercased key's characters is a byte match; the only other byte matches are a fragment with a
    /// combining mark on its first or last letter, which are then redacted too.
    public static func isSecretKey(_ key: String) -> Bool {
        let lower = Array(key.lowercased().utf8)
        return fragmentBytes.contains { lower.firstRange(of: $0) != nil }
    }

    public static func redact(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let object):
            .object(
                Dictionary(
                    uniqueKeysWithValues: object.map { key, value in
                        (key, isSecretKey(key) ? .string("<redacted>") : redact(value))
                    }))
        case .array(let items): .array(items.map(redact))
        default: value
        }
    }
}
