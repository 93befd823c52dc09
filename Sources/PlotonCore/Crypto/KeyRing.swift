import Crypto
import Foundation

/// The encryption keys for secrets at rest. The first key encrypts; every key decrypts, so a new key
/// can be put in front and old ciphertexts stay readable until they are re-encrypted.
public struct KeyRing: Sendable {
    public struct Entry: Sendable {
        public let id: String
        public let key: SymmetricKey

        public init(id: String, key: SymmetricKey) {
            self.id = id
            self.key = key
        }
    }

    public enum ParseError: Error, Equatable, CustomStringConvertible {
        case empty
        case malformedEntry(position: Int)
        case invalidKeyID(position: Int)
        case invalidKeyLength(keyID: String)
        case duplicateKeyID(String)

        public var description: String {
            switch self {
            case .empty: "the key ring has no keys"
            case .malformedEntry(let position): "entry \(position) is not of the form KEY_ID:BASE64_32_BYTES"
            case .invalidKeyID(let position): "entry \(position) has a key id that is not 1-64 of [A-Za-z0-9_-]"
            case .invalidKeyLength(let keyID): "key \(keyID) does not decode to exactly 32 bytes of base64"
            case .duplicateKeyID(let keyID): "key id \(keyID) appears twice"
            }
        }
    }

    public let entries: [Entry]

    public init(entries: [Entry]) throws(ParseError) {
        guard !entries.isEmpty else { throw .empty }
        var seen = Set<String>()
        for entry in entries where !seen.insert(entry.id).inserted { throw .duplicateKeyID(entry.id) }
        self.entries = entries
    }

    /// Parses `kid1:BASE64,kid2:BASE64`. Errors name positions and key ids, never key material.
    public init(parsing text: String) throws(ParseError) {
        var entries: [Entry] = []
        let parts = text.split(separator: ",", omittingEmptySubsequences: true)
        for (index, part) in parts.enumerated() {
            let fields = part.trimmingCharacters(in: .whitespaces).split(separator: ":", maxSplits: 1)
            guard fields.count == 2 else { throw .malformedEntry(position: index + 1) }
            let id = String(fields[0])
            guard Self.isValidKeyID(id) else { throw .invalidKeyID(position: index + 1) }
            guard let bytes = Data(base64Encoded: String(fields[1])), bytes.count == 32 else {
                throw .invalidKeyLength(keyID: id)
            }
            entries.append(Entry(id: id, key: SymmetricKey(data: bytes)))
        }
        try self.init(entries: entries)
    }

    public static func isValidKeyID(_ id: String) -> Bool {
        !id.isEmpty && id.count <= 64
            && id.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) && $0.isASCII || $0 == "_" || $0 == "-" }
    }

    /// A new ring with one fresh random key, serialised in the `PLOTON_ENCRYPTION_KEYS` format.
    public static func generateSerialized(keyID: String) -> String {
        let key = SymmetricKey(size: .bits256)
        return "\(keyID):" + key.withUnsafeBytes { Data($0).base64EncodedString() }
    }

    public var primary: Entry { entries[0] }

    public func key(id: String) -> SymmetricKey? { entries.first { $0.id == id }?.key }
}
