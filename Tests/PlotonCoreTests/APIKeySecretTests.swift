import PlotonCore
import Testing

@Suite struct APIKeySecretTests {
    @Test func crc32_matches_the_standard_check_value() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([UInt8]()) == 0)
    }

    @Test func base62_encodes_most_significant_digit_first_with_zero_padding() {
        #expect(Base62.encode(0, width: 6) == "000000")
        #expect(Base62.encode(61, width: 6) == "00000z")
        #expect(Base62.encode(62, width: 6) == "000010")
        #expect(Base62.encode(UInt64(UInt32.max), width: 6) == "4gfFC3")
    }

    /// Hands out the given words, then zeros.
    struct Words: RandomNumberGenerator {
        var words: [UInt64]
        var drawn = 0
        mutating func next() -> UInt64 {
            defer { drawn += 1 }
            return drawn < words.count ? words[drawn] : 0
        }
    }

    @Test func base62_random_uses_every_byte_of_a_draw_and_skips_those_that_would_bias_it() {
        // Bytes low first: 0, 61, 62 (→ 0), 247 (→ 61), 248 and 255 (skipped), 1, 2; then 3 from the next word.
        var generator = Words(words: [0x0201_FFF8_F73E_3D00, 0x03])
        #expect(Base62.random(count: 7, using: &generator) == "0z0z123")
        #expect(generator.drawn == 2)
    }

    @Test(arguments: PlotonEnvironment.allCases)
    func generated_keys_have_the_documented_shape(environment: PlotonEnvironment) throws {
        let key = APIKeySecret.generate(environment: environment)
        let prefix = "pk_\(environment.rawValue)_"
        #expect(key.value.hasPrefix(prefix))
        #expect(key.value.count == prefix.count + 32 + 6)
        let body = key.value.dropFirst(prefix.count)
        #expect(body.utf8.allSatisfy(Base62.isBase62))
        let random = String(body.prefix(32))
        let checksum = String(body.suffix(6))
        #expect(checksum == Base62.encode(UInt64(CRC32.checksum(Array(random.utf8))), width: 6))
        #expect(APIKeySecret(parsing: key.value) == key)
        #expect(key.displayPrefix == String(key.value.prefix(prefix.count + 4)))
        #expect(key.last4 == String(key.value.suffix(4)))
        #expect(key.sha256.count == 64)
    }

    @Test func a_key_checksummed_by_an_independent_implementation_verifies() {
        // Python: zlib.crc32(b"abcdefghijklmnopqrstuvwxyzABCDEF") == 0x6154D22A, "1mVgZW" in base62.
        let random = "abcdefghijklmnopqrstuvwxyzABCDEF"
        #expect(APIKeySecret.checksum(of: random) == "1mVgZW")
        #expect(APIKeySecret(parsing: "pk_live_\(random)1mVgZW")?.environment == .live)
        #expect(APIKeySecret(parsing: "pk_live_\(random)1mVgZX") == nil)
    }

    @Test(arguments: [
        "", "pk_test_", "pk_prod_abcdefghijklmnopqrstuvwxyzABCDEF000000", "sk_test_abcdefghijklmnopqrstuvwxyzABCDEF000000",
        "pk_test_abcdefghijklmnopqrstuvwxyzABCDEF00000", "pk_test_abcdefghijklmnopqrstuvwxyzABCDE!000000",
    ])
    func malformed_keys_do_not_parse(candidate: String) {
        #expect(APIKeySecret(parsing: candidate) == nil)
    }

    @Test func any_single_character_change_is_caught_by_the_checksum() {
        let key = APIKeySecret.generate(environment: .live).value
        var caught = 0
        for index in key.indices.dropFirst(8) {
            let original = key[index]
            let replacement: Character = original == "A" ? "B" : "A"
            var tampered = key
            tampered.replaceSubrange(index...index, with: String(replacement))
            if APIKeySecret(parsing: tampered) == nil { caught += 1 }
        }
        #expect(caught == 38)
    }

    @Test func description_never_shows_the_secret() {
        let key = APIKeySecret.generate(environment: .live)
        #expect(!"\(key)".contains(key.value.dropFirst(12)))
    }
}
