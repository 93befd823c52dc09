import Crypto
import Foundation
import PlotonCore
import Testing

@Suite struct SecretBoxTests {
    let ringText =
        "k2:" + Data(repeating: 2, count: 32).base64EncodedString() + ",k1:" + Data(repeating: 1, count: 32).base64EncodedString()

    @Test func sealing_round_trips_with_a_fresh_nonce_and_the_key_id() throws {
        let box = SecretBox(keyRing: try KeyRing(parsing: ringText))
        let first = try box.seal("whsec_abc", associatedData: "owner-1")
        let second = try box.seal("whsec_abc", associatedData: "owner-1")
        #expect(first != second)
        #expect(first.hasPrefix("v1:k2:"))
        #expect(SecretBox.keyID(of: first) == "k2")
        #expect(!first.contains("whsec_abc"))
        #expect(try box.open(first, associatedData: "owner-1") == "whsec_abc")
    }

    @Test func associated_data_binds_the_ciphertext_to_its_owner() throws {
        let box = SecretBox(keyRing: try KeyRing(parsing: ringText))
        let sealed = try box.seal("secret", associatedData: "acct_1|test")
        #expect(throws: SecretBox.OpenError.authenticationFailed) { try box.open(sealed, associatedData: "acct_2|test") }
    }

    @Test func older_keys_still_decrypt_and_unknown_keys_are_named() throws {
        let oldRing = try KeyRing(parsing: "k1:" + Data(repeating: 1, count: 32).base64EncodedString())
        let sealedWithOld = try SecretBox(keyRing: oldRing).seal("s", associatedData: "a")
        #expect(try SecretBox(keyRing: try KeyRing(parsing: ringText)).open(sealedWithOld, associatedData: "a") == "s")
        let other = try KeyRing(parsing: "k9:" + Data(repeating: 9, count: 32).base64EncodedString())
        #expect(throws: SecretBox.OpenError.unknownKeyID("k1")) { try SecretBox(keyRing: other).open(sealedWithOld, associatedData: "a") }
    }

    @Test func tampering_is_detected() throws {
        let box = SecretBox(keyRing: try KeyRing(parsing: ringText))
        let sealed = try box.seal("secret", associatedData: "a")
        let parts = sealed.split(separator: ":")
        var bytes = try #require(Data(base64Encoded: String(parts[2])))
        for index in bytes.indices {  // flip one bit in each byte in turn: nonce, ciphertext and tag
            bytes[index] ^= 0x01
            let tampered = "v1:\(parts[1]):\(bytes.base64EncodedString())"
            #expect(throws: SecretBox.OpenError.authenticationFailed) { try box.open(tampered, associatedData: "a") }
            bytes[index] ^= 0x01
        }
        #expect(throws: SecretBox.OpenError.malformed) { try box.open("v2:k1:abc", associatedData: "a") }
    }

    @Test func key_ring_parse_errors_never_contain_key_material() {
        let material = Data(repeating: 7, count: 16).base64EncodedString()
        let cases: [(String, KeyRing.ParseError)] = [
            ("", .empty),
            ("nocolon", .malformedEntry(position: 1)),
            ("bad id:\(material)", .invalidKeyID(position: 1)),
            ("k1:\(material)", .invalidKeyLength(keyID: "k1")),
            ("k1:\(Data(count: 32).base64EncodedString()),k1:\(Data(count: 32).base64EncodedString())", .duplicateKeyID("k1")),
        ]
        for (text, expected) in cases {
            #expect(throws: expected) { try KeyRing(parsing: text) }
            #expect(!expected.description.contains(material))
        }
    }

    @Test func a_generated_ring_parses() throws {
        let ring = try KeyRing(parsing: KeyRing.generateSerialized(keyID: "dev1"))
        #expect(ring.primary.id == "dev1")
    }
}
