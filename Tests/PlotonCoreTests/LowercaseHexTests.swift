import Crypto
import Foundation
import PlotonCore
import Testing

@Suite struct LowercaseHexTests {
    @Test func every_byte_is_two_lowercase_digits_as_printf_writes_them() {
        let bytes = (0...255).map { UInt8($0) }
        #expect(LowercaseHex.string(bytes) == bytes.map { String(format: "%02x", $0) }.joined())
        #expect(LowercaseHex.string([UInt8]()) == "")
    }

    @Test func a_digest_reads_as_its_published_test_vector() {
        #expect(
            LowercaseHex.string(SHA256.hash(data: Data("abc".utf8)))
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
