import Crypto
import Foundation

/// Proof Key for Code Exchange (RFC 7636) with the S256 method.
public enum PKCE {
    /// 64 unreserved characters (the RFC allows 43–128).
    public static func verifier() -> String { Base62.random(count: 64) }

    /// `BASE64URL(SHA256(ASCII(verifier)))`, without padding.
    public static func challenge(for verifier: String) -> String {
        Data(SHA256.hash(data: Data(verifier.utf8))).base64URLEncoded
    }
}

extension Data {
    /// Base64 with the URL-safe alphabet and no padding (RFC 4648 §5).
    public var base64URLEncoded: String {
        base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
