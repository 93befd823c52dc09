/// A header field name as RFC 9110 §5.1 allows it: a non-empty token of ASCII letters, digits and
/// ``!#$%&'*+-.^_`|~``. SwiftNIO traps on a name outside ASCII, so a name that reaches an outgoing
/// request from a tool definition is checked first (a custom tool's header parameter "é" crashed the process).
public enum HTTPHeaderName {
    static let punctuation = Set("!#$%&'*+-.^_`|~".utf8)

    public static func isValid(_ name: String) -> Bool {
        !name.isEmpty
            && name.utf8.allSatisfy { byte in
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                    || punctuation.contains(byte)
            }
    }
}
