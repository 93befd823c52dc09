import PlotonCore
import Testing

struct DNSAnswerTTLTests {
    /// A response for `www.example.com` A: the question, then `answers` (type, TTL, data), names compressed.
    static func message(rcode: UInt8 = 0, answers: [(type: UInt16, ttl: UInt32, data: [UInt8])]) -> [UInt8] {
        var bytes: [UInt8] = [0x12, 0x34, 0x81, 0x80 | rcode, 0, 1, 0, UInt8(answers.count), 0, 0, 0, 0]
        bytes += [3] + Array("www".utf8) + [7] + Array("example".utf8) + [3] + Array("com".utf8) + [0, 0, 1, 0, 1]
        for answer in answers {
            bytes += [0xC0, 12, UInt8(answer.type >> 8), UInt8(answer.type & 0xFF), 0, 1]
            bytes += [24, 16, 8, 0].map { UInt8((answer.ttl >> $0) & 0xFF) }
            bytes += [UInt8(answer.data.count >> 8), UInt8(answer.data.count & 0xFF)] + answer.data
        }
        return bytes
    }

    @Test func the_smallest_ttl_of_the_addresses_and_the_aliases_leading_to_them() {
        let alias: [UInt8] = [4] + Array("edge".utf8) + [0xC0, 16]
        let message = Self.message(answers: [(5, 300, alias), (1, 60, [93, 184, 215, 14]), (1, 120, [93, 184, 215, 15])])
        #expect(DNSAnswerTTL.seconds(in: message) == 60)
        #expect(DNSAnswerTTL.seconds(in: Self.message(answers: [(5, 20, alias), (28, 90, Array(repeating: 1, count: 16))])) == 20)
    }

    @Test func no_ttl_without_an_address_for_an_error_or_a_message_cut_short() {
        #expect(DNSAnswerTTL.seconds(in: Self.message(answers: [])) == nil)
        #expect(DNSAnswerTTL.seconds(in: Self.message(answers: [(16, 60, [3] + Array("txt".utf8))])) == nil)
        #expect(DNSAnswerTTL.seconds(in: Self.message(rcode: 3, answers: [(1, 60, [93, 184, 215, 14])])) == nil)  // NXDOMAIN
        let whole = Self.message(answers: [(1, 60, [93, 184, 215, 14])])
        for cut in [5, 20, whole.count - 2] { #expect(DNSAnswerTTL.seconds(in: Array(whole.prefix(cut))) == nil) }
        #expect(DNSAnswerTTL.seconds(in: whole) == 60)
    }
}
