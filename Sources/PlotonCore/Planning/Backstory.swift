import Foundation

/// The story a person tells around a request: "I came back from two weeks of parental leave and my inbox is a disaster zone.
/// … Could you just show me my unread emails for now?", "New bookkeeper starts tomorrow, she's coming from a much bigger firm
/// …. Can you get me a list of all our customers in Stripe". A sentence of the story asks nothing, and read as a part of
/// the request it was refused ("no tool here can closed that", "… new that"). When another sentence asks, politely or as an
/// order, the story's sentences that carry nothing the request may take (no address, channel, figure, quote or name) are
/// left out.
enum Backstory {
    /// How a sentence that asks begins.
    private static let asking =
        #"(?i)^\s*(?:(?:so|and|but|anyway|ok|okay|right)[,\s]+)?(?:could|can|would|will)\s+(?:you|u)\b|^\s*(?:please|pls|plz|kindly)\b|"#
        + #"^\s*i(?:['’]d|\s+would)\s+(?:like|love)\s+(?:you\s+to|to\s+(?:know|see|get))\b|^\s*i\s+(?:need|want)\s+(?:you\s+to|to\s+(?:know|see))\b|"#
        + #"^\s*(?:what|what['’]s|whats|how|when|who|which|where|is\s+it|are\s+there|do\s+i|did)\b|"#
        // "I just need the country and the lat/long": what is wanted.
        + #"^\s*(?:i\s+)?(?:just\s+|only\s+|also\s+|mainly\s+|really\s+)?(?:need|want|would\s+like)\b"#

    /// How a sentence of the story begins: the writer or someone else telling what happened or how they feel.
    private static let telling =
        #"(?i)^\s*(?:(?:so|and|but|anyway|also|honestly|plus)[,\s]+)?(?:i\s+(?:think|thought|met|came|opened|saw|was|had|just|really|"#
        + #"promised|forgot|guess|feel|hope|went|got|spent|love|hate|can['’]t|don['’]t|didn['’]t)|i['’](?:m|ve)\s|met\s|my\s+\w+|we\s+(?:had|were|met|"#
        + #"talked|just)|it['’]s\s+been|it\s+was|this\s+(?:week|month|morning)|new\s+\w+\s+(?:starts|started|joined)|"#
        + #"(?:yes|no|honestly|apparently|whatever|sigh|ugh|lol)\b)"#

    static func removed(_ prompt: String) -> String {
        guard prompt.count <= 1_500, !prompt.contains("\n") else { return prompt }
        let sentences = prompt.matchedTexts(of: #"[^.!?]+(?:[.!?]+|$)\s*"#)
        guard sentences.count >= 2, sentences.joined() == prompt,
            sentences.contains(where: { $0.rangeOfMatch(of: asking) != nil })
        else { return prompt }
        let kept = sentences.filter { sentence in
            sentence.rangeOfMatch(of: asking) != nil || sentence.rangeOfMatch(of: telling) == nil || carries(sentence)
        }
        guard kept.count < sentences.count, !kept.isEmpty else { return prompt }
        return kept.joined().trimmingCharacters(in: .whitespaces)
    }

    /// Whether the sentence holds something the request may take: an address, a channel, a figure, a quote or a name.
    static func carries(_ sentence: String) -> Bool {
        // (A capitalised word after the first names a place, a company or a person: "flying to Reykjavík tomorrow".)
        sentence.rangeOfMatch(of: #"[@#"“\d$€£]|(?<!\w)['‘]|(?<=\S\s)(?!I\b|I['’])\p{Lu}"#) != nil
            // (A rule or a condition stays: "don't email her yet"; "I don't even know where to start" is the writer's.)
            || sentence.rangeOfMatch(of: #"(?i)(?<!\bi\s)\b(?:don['’]t|do\s+not|never|only|unless|if|until|once|when|after|before)\b"#)
                != nil
    }
}
