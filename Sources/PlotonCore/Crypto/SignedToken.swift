import Crypto
import Foundation

/// A short-lived bearer link token: `kid.payload.mac`, where the MAC is HMAC-SHA256 keyed with a
/// key derived (HKDF) from the key ring's entry `kid` for one purpose. Rotating the ring's first
/// key leaves older tokens verifiable while their key stays in the ring.
public struct SignedToken: Sendable {
    public let keyRing: KeyRing
    public let purpose: String

    public init(keyRing: KeyRing, purpose: String) {
        self.keyRing = keyRing
        self.purpose = purpose
    }

    private func key(_ entry: KeyRing.Entry) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: entry.key, info: Data("ploton-\(purpose)".utf8), outputByteCount: 32)
    }

    public func sign(_ payload: JSONValue) -> String {
        let entry = keyRing.primary
        let body = Data(payload.jsonText.utf8).base64URLEncoded
        let mac = Data(HMAC<SHA256>.authenticationCode(for: Data("\(entry.id).\(body)".utf8), using: key(entry))).base64URLEncoded
        return "\(entry.id).\(body).\(mac)"
    }

    /// The payload, when the token is intact and signed by a key in the ring.
    public func verify(_ token: String) -> JSONValue? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, let entry = keyRing.entries.first(where: { $0.id == parts[0] }),
            let mac = Data(base64URLEncoded: parts[2]), let body = Data(base64URLEncoded: parts[1]),
            HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: Data("\(parts[0]).\(parts[1])".utf8), using: key(entry))
        else { return nil }
        return JSONValue.parse(String(decoding: body, as: UTF8.self))
    }
}

extension Data {
    public init?(base64URLEncoded text: String) {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        self.init(base64Encoded: base64)
    }
}
