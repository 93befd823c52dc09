import Foundation
import Testing

@testable import PlotonCore

/// The planner's pattern matching gives what Foundation's `.regularExpression` search and replace give.
@Suite struct PatternMatchingTests {
    static let texts = [
        "Email the Acme deal to ana@example.com at 3pm", "Café ☕️ at 10:30 — then 👩‍👩‍👧 at 11am", "", "no match here",
        "ÉCOLE école Ecole",
    ]
    static let patterns = [
        #"(?i)\b(\d{1,2})(?::(\d{2}))?\s?(am|pm)\b"#, #"\bat\s"#, #"é\w+"#, #"[\p{L}]+@[\w.]+"#, #"^\w+"#,
    ]

    @Test(arguments: texts)
    func matches_and_replacements_are_foundations(_ text: String) {
        for pattern in Self.patterns {
            for options: String.CompareOptions in [[], .caseInsensitive, .anchored] {
                #expect(
                    text.rangeOfMatch(of: pattern, options: options)
                        == text.range(of: pattern, options: options.union(.regularExpression)), "\(pattern) \(options)")
                #expect(
                    text.replacingMatches(of: pattern, with: "<$0|$1>", options: options)
                        == text.replacingOccurrences(
                            of: pattern, with: "<$0|$1>", options: options.union(.regularExpression)))
            }
        }
    }

    /// Foundation's replace gives "" for a pattern that does not compile; these leave the text as it was.
    @Test func a_pattern_that_does_not_compile_matches_nothing_and_replaces_nothing() {
        #expect("an (unclosed group".rangeOfMatch(of: "(unclosed") == nil)
        #expect("an (unclosed group".replacingMatches(of: "(unclosed", with: "x") == "an (unclosed group")
    }

    @Test func a_substring_and_a_search_range_give_indices_of_the_same_string() throws {
        let text = "Ünïcode 👩‍👩‍👧 first at 9am, then at 4pm"
        let tail = text[try #require(text.range(of: "first")).lowerBound...]
        let found = try #require(tail.rangeOfMatch(of: #"\d+pm"#))
        #expect(text[found] == "4pm")
        let within = try #require(text.range(of: "first at 9am"))
        #expect(text.rangeOfMatch(of: #"\d+(am|pm)"#, range: within).map { text[$0] } == "9am")
        #expect(text.replacingMatches(of: "at", with: "@", range: within) == "Ünïcode 👩‍👩‍👧 first @ 9am, then at 4pm")
    }

    @Test func patterns_built_from_prompts_never_grow_the_store_past_its_limit() {
        for value in 0..<(CompiledPatterns.limit + 10) {
            #expect("value \(value)".rangeOfMatch(of: NSRegularExpression.escapedPattern(for: "value \(value)")) != nil)
        }
        #expect(CompiledPatterns.count <= CompiledPatterns.limit)
    }
}
