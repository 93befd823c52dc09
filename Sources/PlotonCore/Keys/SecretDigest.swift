import Crypto
import Foundation

public enum SecretDigest {
    /// Lowercase hex SHA-256; what we store instead of an API key.
    public static func sha256Hex(_ string: String) -> String {
        LowercaseHex.string(SHA256.hash(data: Data(string.utf8)))
    }
}

extension APIKeySecret {
    public var sha256: String { SecretDigest.sha256Hex(value) }
}
