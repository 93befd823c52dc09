import Foundation

/// "Top 5 open deals by amount", "the 3 biggest paid invoices", "our 2 cheapest plans": the N records with the highest (lowest)
/// value of a field, in that order. Every record is read, filtered, then ranked: a `highest` / `lowest` condition with the
/// count as its value (a `limit` took the first five the provider returned, unranked and before the open ones were kept).
enum TopRecords {
    static let highestWords = ["top", "biggest", "largest", "highest", "most valuable", "most expensive", "richest"]
    static let lowestWords = ["bottom", "smallest", "lowest", "cheapest", "least valuable"]
    /// Reads the provider already returns newest first, where a count is its page size.
    static let ordered: Set<String> = ["list_messages", "search_messages", "list_events", "list_files"]

    static func ranked(_ workflow: Workflow, _ request: PlanningRequest) -> Workflow {
        let prompt = request.prompt.lowercased().replacingOccurrences(of: "’", with: "'")
        guard let (count, op) = countAndDirection(in: prompt) else { return workflow }
        let action = workflow.steps.firstIndex { ActionSteps.isAction($0, request.catalog) }
        let reads = workflow.steps[..<(action ?? workflow.steps.count)].indices.filter {
            workflow.steps[$0].capability.hasPrefix("list_") || workflow.steps[$0].capability.hasPrefix("search_")
        }
        guard let read = reads.last, !ordered.contains(workflow.steps[read].capability),
            workflow.steps[read].keep?.contains(where: { [.highest, .lowest].contains($0.op) }) != true,
            let declared = request.catalog.tool(workflow.steps[read].tool)?.capability(workflow.steps[read].capability)?.fields
        else { return workflow }
        // "by amount", "by close date": the field named; else the amount (or members, or size) a ranking compares.
        let named = prompt.firstMatch(
            of: #/\bby\s+(?:their\s+|its\s+|the\s+)?([a-z][a-z ]{1,30}?)(?=\s*(?:[-,;:.!?)]|$|\s+(?:and|with|then|to|in|on|for)\b))/#
        )
        .flatMap { ResultShaper.declaredField(for: String($0.output.1), in: declared) }
        guard let field = named ?? AggregateQuestions.compared(in: declared, prompt: prompt), let path = field.paths.first else {
            return workflow
        }
        var planned = workflow
        planned.steps[read].keep = (workflow.steps[read].keep ?? []) + [OutputCondition(path: path, op: op, value: .number(Double(count)))]
        for key in ["limit", "maxResults", "pageSize", "max_results"] { planned.steps[read].input.removeValue(forKey: key) }
        return planned
    }

    /// "top 5", "the 3 biggest", "5 largest": the count and which end it ranks from; nil when the prompt ranks nothing.
    static func countAndDirection(in prompt: String) -> (Int, OutputCondition.Operator)? {
        let number = #"(\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty)"#
        for (words, op) in [(highestWords, OutputCondition.Operator.highest), (lowestWords, .lowest)] {
            let alternatives = words.map { $0.replacingOccurrences(of: " ", with: #"\s+"#) }.joined(separator: "|")
            let before: String = #"\b(?:"# + alternatives + #")\s+"# + number + #"\b"#
            let after: String = #"\b"# + number + #"\s+(?:"# + alternatives + #")\b"#
            for pattern in [before, after] {
                guard let range = prompt.rangeOfMatch(of: pattern) else { continue }
                let words = prompt[range].split(whereSeparator: \.isWhitespace).map(String.init)
                let counts = words.compactMap { word -> Int? in Int(word) ?? PromptText.numberWords[word].map { Int($0) } }
                guard let count = counts.first, count >= 2 else { continue }
                return (count, op)
            }
        }
        return nil
    }
}
