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

    @Test func deep_nesting_is_checked_without_recursion() {
        let deep = String(repeating: "[", count: 200_000) + String(repeating: "]", count: 200_000)
        #expect(StrictJSON.isValid(Array(deep.utf8)))
        #expect(!StrictJSON.isValid(Array(deep.dropLast().utf8)))
    }
}
