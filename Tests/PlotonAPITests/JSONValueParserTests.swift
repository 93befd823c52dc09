import Foundation
import PlotonAPI
import Testing

/// Stored JSON is read without `JSONDecoder` where it can be (`JSONValue.parse`, `decoded(_:as:)`)
/// and must read as the decoder reads it; what the parser is not sure of goes to the decoder.
@Suite struct JSONValueParserTests {
    private func decoder(_ text: String) -> JSONValue? { try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) }

    private func expectSame(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let parsed = JSONValue.parse(text)
        let decoded = decoder(text)
        #expect(parsed == decoded, "\(text)", sourceLocation: sourceLocation)
        #expect(parsed?.jsonText == decoded?.jsonText, "\(text)", sourceLocation: sourceLocation)
    }

    @Test func edge_cases_read_as_the_decoder_reads_them() {
        let texts = [
            "null", "true", "false", "0", "-0", "1", "-1", "0.5", "1e3", "1E-3", "1e+2", "12345678901234567890123", "1e400", "-1e400",
            "1e-400", "0e-400", "0.0000", "4.9e-324", "01", "1.", ".5", "+1", "-", "1e", "tru", "nul", "\"\"", "\"a\\\"b\\\\c\\/d\\n\\t\"",
            "\"\\u00e9\"", "\"\\ud83d\\ude00\"", "\"\\ud83d\"", "\"a\nb\"", "\"é😀\"", " \t\n{ \"a\" : [ 1 , 2 ] } \n", "{}", "[]", "[1,]",
            "{\"a\":1,}",
            "{\"a\":1,\"a\":2}", "[1 2]", "{\"a\" 1}", "[[[[[[]]]]]]", "{\"x\":{\"y\":{\"z\":null}}}", "", " ", "[", "{\"a\":", "\"abc",
            "\"\\x\"", "1 2", "[true,false,null,-0.0,3.25]", String(repeating: "[", count: 100) + String(repeating: "]", count: 100),
        ]
        for text in texts { expectSame(text) }
    }

    @Test func random_values_read_as_the_decoder_reads_them() {
        var random = SeededRandom(seed: 29)
        for _ in 0..<2_000 {
            let value = JSONTextWriterTests.value(depth: 3, random: &random)
            expectSame(value.jsonText)
            expectSame(value.prettyJSONText)
        }
    }

    @Test func typed_reads_match_the_decoder_or_leave_it_to_it() {
        #expect(JSONValue.decoded(#"{"a":[1,"x"]}"#, as: [String: JSONValue].self) == ["a": .array([.number(1), .string("x")])])
        #expect(JSONValue.decoded(#"["weather","gmail"]"#, as: [String].self) == ["weather", "gmail"])
        #expect(JSONValue.decoded(#"["weather",1]"#, as: [String].self) == nil)  // the decoder refuses it
        #expect(JSONValue.decoded(#"[1]"#, as: [String: JSONValue].self) == nil)
        #expect(JSONValue.decoded(#"{"a":1}"#, as: [Int].self) == nil)  // not a type it reads
        #expect(JSONValue.decoded(#"{"a":1}"#, as: JSONValue.self) == .object(["a": .number(1)]))
    }
}
