import Foundation

/// What `PromptClauses.pieces(of:)` reads ahead of a cut: a bounded window of the prompt, its first
/// words, and where each sentence ends and the next "@" or "#" is, indexed once, so no look-ahead
/// reads to the end or scans its window character by character.
struct LookAhead {
    /// Far more than the four words a look-ahead reads in any ordinary prompt.
    static let span = 256

    let characters: [Character]
    private let text: String
    /// Where each character starts in `text`, and its end: a window is one slice of the prompt.
    private let offsets: [String.Index]
    /// For each position: where its sentence ends (". " or any of "?!;"), the next "@" and "#", and
    /// the next whitespace and non-whitespace character.
    private let sentenceEnds: [Int]
    private let nextAt: [Int]
    private let nextHash: [Int]
    private let nextSpace: [Int]
    private let nextWord: [Int]

    init(_ text: String) {
        self.text = text
        characters = Array(text)
        offsets = Array(text.indices) + [text.endIndex]
        var ends = [Int](repeating: characters.count, count: characters.count + 1)
        var ats = ends
        var hashes = ends
        var spaces = ends
        var words = ends
        for index in characters.indices.reversed() {
            let character = characters[index]
            let stop =
                "?!;".contains(character)
                || (character == "." && index + 1 < characters.count && characters[index + 1] == " "
                    && !Self.abbreviation(endingAt: index, in: characters))
            ends[index] = stop ? index : ends[index + 1]
            ats[index] = character == "@" ? index : ats[index + 1]
            hashes[index] = character == "#" ? index : hashes[index + 1]
            spaces[index] = character.isWhitespace ? index : spaces[index + 1]
            words[index] = character.isWhitespace ? words[index + 1] : index
        }
        (sentenceEnds, nextAt, nextHash, nextSpace, nextWord) = (ends, ats, hashes, spaces, words)
    }

    /// Titles before a name ("St. John's", "Dr. Patel", "Mt. Hood") and company endings before a
    /// lower-case word ("Acme Co. deal", "Initech Inc. invoices"): their dot ends no sentence.
    static let titles: Set<String> = ["st", "dr", "mt", "mr", "mrs", "ms", "ft", "prof", "ste"]
    static let companyEndings: Set<String> = ["inc", "co", "ltd", "corp", "jr", "sr", "bros", "llc"]

    /// Whether the "." at `index` closes an abbreviation rather than a sentence. Reads at most the five
    /// characters before it and the word after it.
    static func abbreviation(endingAt index: Int, in characters: [Character]) -> Bool {
        var start = index
        while start > 0, index - start < 5, characters[start - 1].isLetter { start -= 1 }
        guard start < index, start == 0 || !characters[start - 1].isLetter,
            start == 0 || characters[start - 1].isWhitespace || "(\"'“".contains(characters[start - 1])
        else { return false }
        let word = String(characters[start..<index]).lowercased()
        var next = index + 1
        while next < characters.count, next - index < 4, characters[next] == " " { next += 1 }
        guard next < characters.count, let first = characters[next].unicodeScalars.first else { return false }
        if titles.contains(word) { return characters[next].isUppercase || characters[next].isNumber }
        return companyEndings.contains(word) && CharacterSet.lowercaseLetters.contains(first)
    }

    /// The text from `position` up to `end` (the prompt's end when nil), at most `span` characters.
    func window(at position: Int, end: Int? = nil) -> String {
        let start = min(position, characters.count)
        let stop = min(end ?? characters.count, start + Self.span, characters.count)
        return String(text[offsets[start]..<offsets[max(start, stop)]])
    }

    /// The first `count` words of `window(at:)`, lower-cased: what
    /// `window(at: position).lowercased().split(whereSeparator: \.isWhitespace).prefix(count)` gives.
    func openingWords(at position: Int, count: Int = 8) -> [Substring] {
        let start = min(position, characters.count)
        let limit = min(start + Self.span, characters.count)
        var words: [Substring] = []
        var from = nextWord[start]
        while words.count < count, from < limit {
            let to = min(nextSpace[from], limit)
            words.append(Substring(text[offsets[from]..<offsets[to]].lowercased()))
            from = nextWord[to]
        }
        return words
    }

    func sentenceEnd(from position: Int) -> Int { sentenceEnds[min(position, characters.count)] }

    func contains(_ character: Character, from position: Int, before end: Int) -> Bool {
        precondition(character == "@" || character == "#", "only @ and # are indexed")
        let next = character == "@" ? nextAt : nextHash
        return next[min(position, characters.count)] < end
    }
}

/// Whether the piece being cut has reached a message (": ", " saying ", …) or a field list
/// (" return ", …). Each look reads only what was appended since the last one (and a margin a
/// marker may straddle); a marker once seen stays, as the piece only grows until it is cut.
struct PieceMarkers {
    static let messageMarkers = [": ", " saying ", " body: ", " body ", " that says ", " with the message ", " with the text "]
    static let fieldListMarkers = [" return ", " returning ", " include ", " including ", " with fields "]
    /// Bytes re-read before what is new: the longest marker, written in letters that lower-case to
    /// ASCII from up to three bytes each (the Kelvin sign is "k").
    static let margin = 64

    private(set) var message = false
    private(set) var fieldList = false
    /// The piece's UTF-8 length at the last look.
    private var seen = 0

    /// Whether every word so far was a filler or a verb (the UTF-8 length read), and one was a verb.
    private var onlyFillers = true
    private var wordsRead = 0
    private var verbRead = false

    /// The piece so far is only fillers and verbs, one of them a verb ("please send", "compose and"):
    /// a cut there would leave the verb without its object. What `classify(piece).1 != nil` gives for
    /// such a piece (a verb among fillers is its verb), read one new word at a time.
    mutating func onlyFillersAndVerb(_ piece: String, fillers: Set<String>, verbs: [String: PromptClause.Kind]) -> Bool {
        // No filler or verb is longer; a longer word fails unread.
        let longest = 32
        var start = piece.utf8.index(piece.startIndex, offsetBy: wordsRead)
        while onlyFillers, let first = piece[start...].firstIndex(where: { !$0.isWhitespace }) {
            var end = first
            var length = 0
            while end < piece.endIndex, !piece[end].isWhitespace, length <= longest {
                length += 1
                end = piece.index(after: end)
            }
            let word = piece[first..<end].lowercased()
            let verb = verbs[word] != nil
            guard length <= longest, verb || fillers.contains(word) else {
                onlyFillers = false
                break
            }
            // The last word may still grow: it is read again next time.
            guard end < piece.endIndex else { return verbRead || verb }
            verbRead = verbRead || verb
            start = end
            wordsRead = piece.utf8.distance(from: piece.startIndex, to: end)
        }
        return onlyFillers && verbRead
    }

    /// The piece's kind at a UTF-8 length.
    private var kind: (length: Int, kind: PromptClause.Kind)?

    /// `classify(piece).0`, read again at every look while the piece is short; past 1,000 bytes only
    /// once it has doubled, so a long message with many commas is not classified at each one.
    mutating func kind(of piece: String, _ classify: (String) -> (PromptClause.Kind, String?)) -> PromptClause.Kind {
        let length = piece.utf8.count
        if let kind, kind.length >= 1_000, length < kind.length * 2 { return kind.kind }
        let fresh = classify(piece).0
        kind = (length, fresh)
        return fresh
    }

    mutating func update(_ piece: String) -> PieceMarkers {
        let length = piece.utf8.count
        guard length > seen, !(message && fieldList) else { return self }
        // Every marker ends with a space: none can have been completed by what came without one.
        guard piece.utf8.dropFirst(seen).contains(UInt8(ascii: " ")) else {
            seen = length
            return self
        }
        let from = max(0, seen - Self.margin)
        // A leading space as if the piece started with one: "return the name" is a field list.
        let text = (from == 0 ? " " : "") + String(decoding: piece.utf8.dropFirst(from), as: UTF8.self).lowercased()
        message = message || Self.messageMarkers.contains { text.contains($0) }
        fieldList = fieldList || Self.fieldListMarkers.contains { text.contains($0) }
        seen = length
        return self
    }
}
