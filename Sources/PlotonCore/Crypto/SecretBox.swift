import Crypto
import Foundation

/// AES-256-GCM encryption of secrets at rest.
///
/// A sealed value is the text `v1:<key id>:<base64 of nonce ‖ ciphertext ‖ tag>`. Every seal draws a
/// fresh random nonce. The associated data binds a ciphertext to its owner (for example account,
/// environment and purpose), so a ciphertext copied to another row does not decrypt there.
public struct SecretBox: Sendable {
    public enum OpenError: Error, Equatable, CustomStringConvertible {
        case malformed
        case unknownKeyID(String)
        case authenticationFailed

        public var description: String {
            switch self {
            case .malformed: "the sealed secret is not in the v1 format"
            case .unknownKeyID(let id): "the sealed secret uses key \(id), which is not in the key ring"
            case .authenticationFailed: "the sealed secret does not authenticate (wrong key or associated data)"
            }
        }
    }

    public let keyRing: KeyRing

    public init(keyRing: KeyRing) { self.keyRing = keyRing }

    public func seal(_ plaintext: String, associatedData: String) throws -> String {
        try seal(Data(plaintext.utf8), associatedData: associatedData)
    }

    public func seal(_ plaintext: Data, associatedData: String) throws -> String {
        let primary = keyRing.primary
        let box = try AES.GCM.seal(plaintext, using: primary.key, authenticating: Data(associatedData.utf8))
        guard let combined = box.combined else { throw OpenError.malformed }
        return "v1:\(primary.id):\(combined.base64EncodedString())"
    }

    public func open(_ sealed: String, associatedData: String) throws(OpenError) -> String {
        String(decoding: try openData(sealed, associatedData: associatedData), as: UTF8.self)
    }

    /// The plaintext bytes exactly as sealed (for values that need not be UTF-8 text).
    public func openData(_ sealed: String, associatedData: String) throws(OpenError) -> Data {
        let fields = sealed.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        guard fields.count == 3, fields[0] == "v1", let combined = Data(base64Encoded: String(fields[2])) else {
            throw .malformed
        }
        let keyID = String(fields[1])
        guard let key = keyRing.key(id: keyID) else { throw .unknownKeyID(keyID) }
        do {
            let box = try AES.GCM.SealedBox(combined: combined)
            return try AES.GCM.open(box, using: key, authenticating: Data(associatedData.utf8))
        } catch {
            throw .authenticationFailed
        }
    }

    /// The id of the key that sealed `sealed`, if it is well formed.
    public static func keyID(of sealed: String) -> String? {
        let fields = sealed.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        return fields.count == 3 && fields[0] == "v1" ? String(fields[1]) : nil
    }
}
