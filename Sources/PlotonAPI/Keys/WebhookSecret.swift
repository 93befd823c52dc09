import Foundation

/// A webhook signing secret: `whsec_` followed by the base64 of 32 random bytes.
public struct WebhookSecret: Sendable, Hashable, CustomStringConvertible {
    public static let prefix = "whsec_"
    public let value: String

    public static func generate() -> WebhookSecret {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return WebhookSecret(unchecked: prefix + Data(bytes).base64EncodedString())
    }

    public init?(parsing candidate: String) {
        guard candidate.hasPrefix(Self.prefix),
            let key = Data(base64Encoded: String(candidate.dropFirst(Self.prefix.count))), !key.isEmpty
        else { return nil }
        self.init(unchecked: candidate)
    }

    private init(unchecked value: String) { self.value = value }

    /// The raw key bytes used by Standard Webhooks signatures (the base64 part, decoded).
    public var keyBytes: Data { Data(base64Encoded: String(value.dropFirst(Self.prefix.count))) ?? Data() }

    public var description: String { "whsec_<redacted>" }
}
