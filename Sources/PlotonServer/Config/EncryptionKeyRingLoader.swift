import Foundation
import Logging
import PlotonCore

/// Resolves the key ring: `PLOTON_ENCRYPTION_KEYS` when set; otherwise a development ring kept in
/// `<data dir>/encryption_keys` (mode 0600), generated on first use with a warning.
enum EncryptionKeyRingLoader {
    static let fileName = "encryption_keys"

    static func load(config: PlotonConfig, logger: Logger) throws -> KeyRing {
        if let keys = config.encryptionKeys { return try KeyRing(parsing: keys.value) }
        let path = URL(fileURLWithPath: config.dataDirectory).appendingPathComponent(fileName).path
        if let stored = FileManager.default.contents(atPath: path) {
            do {
                return try KeyRing(parsing: String(decoding: stored, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
            } catch {
                throw ConfigError(problems: ["\(path) is not a valid key ring: \(error)"])
            }
        }
        try FileManager.default.createDirectory(atPath: config.dataDirectory, withIntermediateDirectories: true)
        let serialized = KeyRing.generateSerialized(keyID: "dev1")
        guard FileManager.default.createFile(atPath: path, contents: Data((serialized + "\n").utf8), attributes: [.posixPermissions: 0o600])
        else {
            throw ConfigError(problems: ["could not write the development key ring to \(path)"])
        }
        logger.warning(
            "PLOTON_ENCRYPTION_KEYS is not set: generated a development key ring. Set PLOTON_ENCRYPTION_KEYS in production and keep it safe; losing it makes stored secrets unreadable.",
            metadata: ["path": .string(path)])
        return try KeyRing(parsing: serialized)
    }
}
