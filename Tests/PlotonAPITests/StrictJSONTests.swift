import Foundation
import PlotonAPI
import Testing

/// Request bodies are JSON as RFC 8259 defines it: what Foundation's parser also takes (a trailing
/// comma, `01`, a raw control character in a string) is refused by `StrictJSON`, and so by
/// `PlotonJSON.decoder()`, which every request body goes through.
@Suite struct StrictJSONTests {
    @Test(arguments: [
        "null", "true", "false", "0", "-0", "-1.5e+3", "1E-3", #""a\"\\\/\b\f\n\r\t\u00e9""#, "[]", "{}", " [1, [2, {\"a\": []}]] ",
        #"{"a":1,"b":{"c":[true,null,"x"]}}"#, "\u{FEFF}{}", "\"é\"", "\r\n\t{ \"a\" : 1 }\n",
    ])
    func accepts_json(text: String) throws {
        #expect(StrictJSON.isValid(Array(text.utf8)))
        _ = try PlotonJSON.decoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    @Test(arguments: [
        #"{"prompt":"a",}"#, "[1,]", "[1,,2]", "[,1]", "{,}", #"{"a":1 , }"#, #"{"a"}"#, #"{"a":}"#, "{a:1}", "{'a':1}", "01", "1.",
        ".5", "+1", "-", "1e", "1e+", "0x1", "NaN", "Infinity", "tru", "nul", "\"a\tb\"", #""\x""#, #""\u12g4""#, "\"open", "[1",
        "{\"a\":1", "{} {}", "[1]]", "", " ", "//c\n{}", "[1] x",
    ])
    func refuses_what_is_not_json(text: String) {
        #expect(!StrictJSON.isValid(Array(text.utf8)))
        #expect((try? PlotonJSON.decoder().decode(JSONValue.self, from: Data(text.utf8))) == nil)
    }

    @Test func deep_nesting_is_refused_past_the_limit_without_recursion() {
        let nested = { (depth: Int) in String(repeating: "[", count: depth) + String(repeating: "]", count: depth) }
        #expect(StrictJSON.problem(Array(nested(StrictJSON.maxDepth).utf8)) == nil)
        #expect(StrictJSON.problem(Array(nested(StrictJSON.maxDepth + 1).utf8)) == .tooDeep)
        let objects =
            String(repeating: #"{"a":"#, count: StrictJSON.maxDepth + 1) + "1" + String(repeating: "}", count: StrictJSON.maxDepth + 1)
        #expect(StrictJSON.problem(Array(objects.utf8)) == .tooDeep)
        #expect(StrictJSON.problem(Array(nested(200_000).utf8)) == .tooDeep)
        #expect(StrictJSON.problem(Array(nested(3).dropLast().utf8)) == .malformed)
    }
}
