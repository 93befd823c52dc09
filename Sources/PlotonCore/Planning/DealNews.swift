import Foundation

/// News about a deal, then what to do with it: "Great news - Hooli signed the pilot this morning. Mark it closed won.",
/// "Globex - Expansion slipped. Push its close date to February 26.", "Just got off the call with Initech. Move their renewal
/// to contract sent". The order's "it", "its" or "their renewal" is the deal the news names by its company and kind; the news
/// itself asks nothing (the orders were refused: "no tool here can move that"). The news is left out unless it states a figure.
enum DealNews {
    static let kinds = "renewal|pilot|expansion|platform|upsell|rollout|deal|contract|onboarding|implementation|migration"

    /// Capitalised words that open a sentence or say how the news went, not a company.
    static let notCompanies: Set<String> = [
        "great", "good", "bad", "just", "the", "news", "hi", "hey", "so", "ok", "okay", "update", "fyi", "quick", "we", "i",
        "they", "heads", "well", "finally", "sadly", "unfortunately", "btw", "also", "ugh", "yay", "big", "today", "yesterday",
    ]

    static func resolved(_ prompt: String) -> String {
        guard !prompt.contains("\n"),
            let order = prompt.rangeOfMatch(
                // "The Globex expansion just slipped - push its close date to May 30": after a dash too.
                of:
                    #"(?i)(?:(?<=[.!?]|:\(|:\)|:-\(|:-\))\s+|\s+[-–—]\s+)(?=(?:please\s+)?(?:move|mark|set|push|bump|change|update|close|advance|put|flip|switch)\b)"#
            )
        else { return prompt }
        let news = String(prompt[..<order.lowerBound])
        var request = String(prompt[order.upperBound...])
        let pointer =
            #"(?i)\b(?:its|it(?!['’])|their\s+(?:"# + kinds + #")|(?<=on\s|of\s|for\s)the\s+deal(?!\s+(?:for|with|called|named)\b))\b"#
        // "1. find the Tamarind Hotels deal 2. set its amount …": steps, not news.
        guard request.rangeOfMatch(of: pointer) != nil, PromptClauses.classify(news).1 == nil,
            news.rangeOfMatch(of: #"(?:^|\s)\d{1,2}[.)]\s"#) == nil, PartyNames.fullNames(in: request).isEmpty,
            request.rangeOfMatch(of: #"(?i)\b(?:contact|invoice|subscription|event|meeting|file|payment)\b"#) == nil,
            let company = company(in: news),
            let kind = news.rangeOfMatch(of: #"(?i)\b(?:"# + kinds + #")\b"#).map({ news[$0].lowercased() })
                ?? request.rangeOfMatch(of: #"(?i)(?<=their\s)(?:"# + kinds + #")\b"#).map({ request[$0].lowercased() })
        else { return prompt }
        let deal = kind == "deal" ? "the \(company) deal" : "the \(company) \(kind) deal"
        request = request.replacingMatches(
            of: #"(?i)\btheir\s+(?:"# + kinds + #")\b|(?<=on\s|of\s|for\s)the\s+deal\b"#,
            with: NSRegularExpression.escapedTemplate(for: deal)
        )
        .replacingMatches(of: #"(?i)\bits\b"#, with: NSRegularExpression.escapedTemplate(for: deal + "'s"))
        .replacingMatches(of: #"(?i)\bit\b(?!['’])"#, with: NSRegularExpression.escapedTemplate(for: deal))
        // "The Acme Corp renewal is back on at $45k": a figure the request may take stays.
        // (News cut at a dash ends its sentence there.)
        let told = news.last.map { ".!?".contains($0) } == true ? news : news + "."
        return news.contains(where: \.isNumber) ? told + " " + request : request
    }

    /// The first capitalised name in the news that is not an opening word: "Hooli", "Acme Corp".
    static func company(in news: String) -> String? {
        let tokens = news.split(whereSeparator: { $0.isWhitespace || $0 == "-" || $0 == "–" || $0 == "—" }).map {
            $0.trimmingCharacters(in: PartyNames.edges)
        }
        guard
            let first = tokens.firstIndex(where: { word in
                word.first?.isUppercase == true && word.allSatisfy({ $0.isLetter || "&'’".contains($0) })
                    && !notCompanies.contains(word.lowercased()) && word.rangeOfMatch(of: #"(?i)^(?:"# + kinds + #")$"#) == nil
            })
        else { return nil }
        let suffixes: Set<String> = ["corp", "inc", "industries", "labs", "enterprises", "ltd", "co", "group", "foods", "systems"]
        let next = tokens.index(after: first)
        return next < tokens.count && suffixes.contains(tokens[next].lowercased()) ? tokens[first] + " " + tokens[next] : tokens[first]
    }
}
