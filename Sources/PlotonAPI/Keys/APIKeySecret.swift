/// An API key secret: `pk_test_` or `pk_live_`, 32 random base62 characters, then a 6-character
/// base62 CRC32 of those 32 characters. The checksum lets us reject typos and junk without touching
/// the database, and lets secret scanners recognise real keys.
public struct APIKeySecret: Sendable, Hashable, CustomStringConvertible {
    public static let randomLength = 32
    public static let checksumLength = 6

    public let environment: PlotonEnvironment
    public let value: String

    public static func prefix(for environment: PlotonEnvironment) -> String { "pk_\(environment.rawValue)_" }

    public static func generate(environment: PlotonEnvironment) -> APIKeySecret {
        let random = Base62.random(count: randomLength)
        return APIKeySecret(environment: environment, value: prefix(for: environment) + random + checksum(of: random))
    }

    /// Parses and checks the format and checksum; `nil` for anything that is not a well-formed key.
    public init?(parsing candidate: String) {
        let environment: PlotonEnvironment
        if candidate.hasPrefix(Self.prefix(for: .test)) {
            environment = .test
        } else if candidate.hasPrefix(Self.prefix(for: .live)) {
            environment = .live
        } else {
            return nil
        }
        let body = Array(candidate.utf8.dropFirst(Self.prefix(for: environment).utf8.count))
        guard body.count == Self.randomLength + Self.checksumLength, body.allSatisfy(Base62.isBase62) else {
            return nil
        }
        let random = String(decoding: body.prefix(Self.randomLength), as: UTF8.self)
        let checksum = String(decoding: body.suffix(Self.checksumLength), as: UTF8.self)
        guard Self.checksum(of: random) == checksum else { return nil }
        self.init(environment: environment, value: candidate)
    }

    private init(environment: PlotonEnvironment, value: String) {
        self.environment = environment
        self.value = value
    }

    public static func checksum(of random: String) -> String {
        Base62.encode(UInt64(CRC32.checksum(random.utf8)), width: checksumLength)
    }

    /// What may be shown after creation: the environment prefix and the first four random characters.
    public var displayPrefix: String { String(value.prefix(Self.prefix(for: environment).count + 4)) }
    public var last4: String { String(value.suffix(4)) }

    public var description: String { "\(displayPrefix)…<redacted>" }
}
