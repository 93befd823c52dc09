/// Hides secret-looking values before anything is written to a trace or a log.
public enum Redaction {
    static let secretKeyFragments = ["password", "secret", "token", "api_key", "apikey", "authorization", "credential", "private_key"]

    public static func isSecretKey(_ key: String) -> Bool {
        let lower = key.lowercased()
        return secretKeyFragments.contains { lower.contains($0) }
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
