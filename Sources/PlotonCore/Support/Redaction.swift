/// Hides secret-looking values before anything is written to a trace or a log.
public enum Redaction {
    static let secretKeyFragments = ["password", "secret", "token", "api_key", "apikey", "authorization", "credential", "private_key"]

    private static let fragmentBytes = secretKeyFragments.map { Array($0.utf8) }

    /// Matched as bytes: Foundation's `contains` (a `range(of:)` per fragment) was 1 % of the server's samples at the task
    /// engine's maximum rate (session 27: each step's input is redacted at its create), and `firstRange(of:)` on the
    /// lowercased key's bytes still went through Foundation's generic search (session 28). An ASCII key (nearly every key)
    /// is searched in place, folding `A`–`Z` as it goes: no lowercased copy, no array. Any other key is lowercased first,
    /// as before (a non-ASCII letter may lowercase to an ASCII one: the Kelvin sign to `k`); the fragments are ASCII, so
    /// every match of the lowercased key's characters is a byte match, and the only other byte matches are a fragment
    /// with a combining mark on its first or last letter, which are then redacted too.
    public static func isSecretKey(_ key: String) -> Bool {
        var key = key
        let inPlace = key.withUTF8 { bytes in bytes.allSatisfy { $0 < 0x80 } ? containsFragment(bytes) : nil }
        if let inPlace { return inPlace }
        return Array(key.lowercased().utf8).withUnsafeBufferPointer { containsFragment($0) }
    }

    /// Whether `bytes`, with `A`–`Z` folded to lowercase, contain a fragment.
    private static func containsFragment(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for fragment in fragmentBytes where fragment.count <= bytes.count {
            for start in 0...(bytes.count - fragment.count) {
                var matched = 0
                while matched < fragment.count, fold(bytes[start + matched]) == fragment[matched] { matched += 1 }
                if matched == fragment.count { return true }
            }
        }
        return false
    }

    private static func fold(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }

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
