import PlotonCore
import Testing

/// A key named twice in one object is found at any depth, in any spelling; the same key in
/// different objects, or as a string value, is not a duplicate.
@Suite struct JSONDuplicateKeysTests {
    @Test(arguments: [
        (#"{"a":1,"a":2}"#, "a"),
        (#"{"a":1,"\u0061":2}"#, "a"),
        (#"{"x":[{"b":{}},{"c":1,"c":[]}]}"#, "c"),
        (#" { "k" : "v" , "k" : null } "#, "k"),
        (#"{"q\"":1,"q\"":2}"#, #"q""#),
    ])
    func finds_the_repeated_key(json: String, key: String) {
        #expect(JSONDuplicateKeys.first(in: Array(json.utf8)) == key)
    }

    @Test(arguments: [
        #"{"a":1,"b":{"a":2},"c":[{"a":3},{"a":4}]}"#, #"{"a":"a","b":["a","a"]}"#, #"[1,"x",{}]"#, #""a""#,
        #"{"a\\":1,"a":2}"#, #"{"":1,"é":{"":2}}"#,
    ])
    func allows_keys_named_once_per_object(json: String) {
        #expect(JSONDuplicateKeys.first(in: Array(json.utf8)) == nil)
    }
}
