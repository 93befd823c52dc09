import Foundation
import PlotonAPI
import Testing

/// `JSONValue.jsonText` is written without `JSONEncoder` and must stay the same bytes: stored
/// values, event payloads and their webhook signatures are compared as text.
@Suite struct JSONTextWriterTests {
    private func encoded(_ value: JSONValue) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
    }

    @Test func the_edge_cases_are_written_as_the_encoder_writes_them() {
        let numbers: [Double] = [
            1, 0.5, 1e20, 1e21, 1e-7, 123_456_789_012_345_678, -0.0, 3.14159, 0.1, 1e300, 2.5e-5, 100, 1e16, -42, .leastNonzeroMagnitude,
            .greatestFiniteMagnitude,
        ]
        let keys = ["a10", "a2", "B", "a", "_", "é", "e\u{301}x", "f", "10", "9", "ab", "aB", ""]
        let cases: [JSONValue] = [
            .null, .bool(true), .bool(false), .string(""), .array([]), .object([:]), .array(numbers.map(JSONValue.number)),
            .string("a/b\"c\\d\n\t\r\u{08}\u{0C}\u{01}\u{1F}\u{7F}é😀\u{2028}"),
            .object(Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, JSONValue.number(Double($0))) })),
            .object(["nested": .object(["z": .array([.null, .object(["y": .string("x")])]), "a": .bool(false)])]),
            .array([.number(.nan)]), .object(["x": .number(.infinity)]),
        ]
        for value in cases { #expect(value.jsonText == encoded(value), "\(value)") }
    }

    @Test func random_values_are_written_as_the_encoder_writes_them() {
        var random = SeededRandom(seed: 13)
        for _ in 0..<2_000 {
            let value = Self.value(depth: 3, random: &random)
            #expect(value.jsonText == encoded(value), "\(value)")
        }
    }

    private static let alphabet: [Character] = Array("aAbZz_09 /\\\"\n\t\u{01}\u{1F}é😀\u{301}ﬁ.:-")

    static func value(depth: Int, random: inout SeededRandom) -> JSONValue {
        switch Int.random(in: depth > 0 ? 0...6 : 0...3, using: &random) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &random))
        case 2:
            let numbers: [Double] = [
                Double(Int.random(in: -1_000_000...1_000_000, using: &random)), Double.random(in: -1e6...1e6, using: &random),
                Double.random(in: -1...1, using: &random) * pow(10, Double(Int.random(in: -30...30, using: &random))),
            ]
            return .number(numbers[Int.random(in: 0..<numbers.count, using: &random)])
        case 3: return .string(text(&random))
        case 4: return .array((0..<Int.random(in: 0...4, using: &random)).map { _ in value(depth: depth - 1, random: &random) })
        default:
            var object: [String: JSONValue] = [:]
            for _ in 0..<Int.random(in: 0...5, using: &random) { object[text(&random)] = value(depth: depth - 1, random: &random) }
            return .object(object)
        }
    }

    private static func text(_ random: inout SeededRandom) -> String {
        String((0..<Int.random(in: 0...8, using: &random)).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &random)] })
    }
}

/// SplitMix64: the same values on every run, so a failure repeats.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
