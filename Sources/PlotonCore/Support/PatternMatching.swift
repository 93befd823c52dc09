import Foundation
import Synchronization

/// Regular-expression search and replace with the compiled patterns kept for the process.
///
/// Foundation's `range(of:options: .regularExpression)` and `replacingOccurrences(of:with:options: .regularExpression)`
/// keep only the last 10 patterns they compiled, and the embedded planner runs a few hundred: with them, compiling
/// patterns was more than half of a plan's CPU. These take the same patterns, templates and options (`.caseInsensitive`,
/// `.anchored`) and give the same results (Foundation on Linux ignores `.backwards` with a pattern: so do these).
extension StringProtocol {
    func rangeOfMatch(of pattern: String, options: String.CompareOptions = [], range: Range<Index>? = nil) -> Range<Index>? {
        guard let expression = CompiledPatterns.expression(pattern, caseInsensitive: options.contains(.caseInsensitive))
        else { return nil }
        let text = String(self)
        let searched = range.map { NSRange($0, in: self) } ?? NSRange(location: 0, length: text.utf16.count)
        let matching: NSRegularExpression.MatchingOptions = options.contains(.anchored) ? .anchored : []
        let found = expression.rangeOfFirstMatch(in: text, options: matching, range: searched)
        guard found.location != NSNotFound else { return nil }
        let lower = utf16.index(utf16.startIndex, offsetBy: found.location)
        return lower..<utf16.index(lower, offsetBy: found.length)
    }

    /// Every match's text, in order.
    func matchedTexts(of pattern: String, options: String.CompareOptions = []) -> [String] {
        let text = String(self)
        guard let expression = CompiledPatterns.expression(pattern, caseInsensitive: options.contains(.caseInsensitive)) else { return [] }
        return expression.matches(in: text, range: NSRange(location: 0, length: text.utf16.count)).compactMap {
            Range($0.range, in: text).map { String(text[$0]) }
        }
    }

    /// The range of every match, in order.
    func matchRanges(of pattern: String, options: String.CompareOptions = []) -> [Range<Index>] {
        let text = String(self)
        guard let expression = CompiledPatterns.expression(pattern, caseInsensitive: options.contains(.caseInsensitive)) else { return [] }
        return expression.matches(in: text, range: NSRange(location: 0, length: text.utf16.count)).map { match in
            let lower = utf16.index(utf16.startIndex, offsetBy: match.range.location)
            return lower..<utf16.index(lower, offsetBy: match.range.length)
        }
    }

    /// The text of the first match's capture group `group`, or nil.
    func captured(of pattern: String, group: Int, options: String.CompareOptions = []) -> String? {
        let text = String(self)
        guard let expression = CompiledPatterns.expression(pattern, caseInsensitive: options.contains(.caseInsensitive)),
            let match = expression.firstMatch(in: text, range: NSRange(location: 0, length: text.utf16.count)),
            let range = Range(match.range(at: group), in: text)
        else { return nil }
        return String(text[range])
    }

    func replacingMatches(
        of pattern: String, with template: String, options: String.CompareOptions = [], range: Range<Index>? = nil
    ) -> String {
        let text = String(self)
        guard let expression = CompiledPatterns.expression(pattern, caseInsensitive: options.contains(.caseInsensitive))
        else { return text }
        let searched = range.map { NSRange($0, in: self) } ?? NSRange(location: 0, length: text.utf16.count)
        let matching: NSRegularExpression.MatchingOptions = options.contains(.anchored) ? .anchored : []
        return expression.stringByReplacingMatches(in: text, options: matching, range: searched, withTemplate: template)
    }
}

/// The process's compiled patterns. Some patterns are built from a prompt's values (an escaped address or name), so
/// the store is bounded: when it holds `limit` patterns it starts over, and the planner's fixed patterns come back
/// on their next use.
enum CompiledPatterns {
    static let limit = 2_048
    private static let store = Mutex<[Key: NSRegularExpression]>([:])

    private struct Key: Hashable {
        let pattern: String
        let caseInsensitive: Bool
    }

    static var count: Int { store.withLock(\.count) }

    static func expression(_ pattern: String, caseInsensitive: Bool) -> NSRegularExpression? {
        let key = Key(pattern: pattern, caseInsensitive: caseInsensitive)
        if let kept = store.withLock({ $0[key] }) { return kept }
        guard
            let compiled = try? NSRegularExpression(pattern: pattern, options: caseInsensitive ? .caseInsensitive : [])
        else { return nil }
        store.withLock { kept in
            if kept.count >= limit { kept.removeAll(keepingCapacity: true) }
            kept[key] = compiled
        }
        return compiled
    }
}
