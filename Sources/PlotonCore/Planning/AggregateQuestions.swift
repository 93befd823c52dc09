import Foundation

/// "How many open deals do we have?", "the total of unpaid invoices", "which deal is the largest", "which
/// subscription renews soonest": a question whose answer is a figure of the records read, not the records. The
/// workflow carries it as `aggregate`, computed when the task finishes (`ResultAggregation`).
enum AggregateQuestions {
    static let counting = ["how many", "number of", "count of", "count the", "count my", "count our", "count all", "tally of"]
    static let summing = [
        "total of", "total value", "total amount", "total owed", "total due", "total revenue", "total worth", "in total", "sum of",
        "altogether", "combined", "add up", "adds up", "added up", "total unpaid", "total outstanding", "total paid",
        // "What's the total still owed on open invoices?".
        "total still owed", "total still due", "total still outstanding", "total still unpaid",
        // "How much has Globex paid us this year?": over the invoices of a period, what they came to.
        "how much (?:did|has|have|had) [^?.!]{1,60}(?:pay|paid)",
        // "How much revenue did we make", "how much is our pipeline worth", "how much do customers owe us", "sum up the
        // open invoices", "what's our MRR": what the records come to.
        "how much (?:revenue|money|income|cash)", "sum up", "sum (?:all|the|my|our)", "tally up", "total (?:all|the|my|our|every) ", "mrr",
        // "total them up", "add it all up", "sum those": what was read before.
        "(?:add|sum|tally|total)(?:s|ed)? (?:them|those|these|it|everything)(?: all)? up", "(?:sum|total) (?:them|those|these)",
        "arr", "recurring revenue",
        // "What's the total we're owed across all open invoices?"
        #"\btotal\s+(?:we're|we\s+are|that's|that\s+is|they\s+owe|owed|due|outstanding)\b"#,
        // "List the invoices for … and tell me the total": the total closing the ask.
        #"(?:tell me|give me|what's|whats|what is|show me|with) the total(?=\s*[?.!]*$)"#, "grand total",
    ]
    /// "How much is our pipeline worth?", "how much do customers owe us?": a total when the records are all of a kind;
    /// "how much is the Initech deal worth", "how much does Halvorsen owe us, and when is it due" ask of one record or
    /// one customer's, whose fields answer.
    static let summingAll = [
        #"how much (?:is|are) [^?.!]{1,60}\bworth"#, #"how much [^?.!]{1,60}\b(?:is|are) worth"#,
        #"how much (?:do|does|did) [^?.!]{1,60}\bowe"#,
        #"how much [^?.!]{0,40}\b(?:outstanding|owed?|owes|unpaid)\b"#,
    ]
    static let highest = ["largest", "biggest", "highest", "most expensive", "most valuable", "most members", "the most(?! recent)"]
    static let lowest = ["smallest", "lowest", "cheapest", "the least", "fewest"]
    /// "created last" closing the question; "when was it last changed" asks of one record.
    static let mostRecent = ["most recently", "most recent", "newest", "latest", #"last(?=\s*[?.!]*$)"#]
    static let soonest = [
        "soonest", "earliest", "first to", "next to", "oldest", "longest", "(?:signed up|joined|created|added|started) first",
        "renews next", "closes next", "due next",
        // "Which of our subscriptions is the next one to renew?", "the next subscription up for renewal".
        #"next (?:one|\w+) to (?:renew|close|expire|end|be due|come due)"#, #"next (?:\w+ )?up for renewal"#,
        "closes first", "closing first", "renews first", "renewing first", "expires first", "due first", "ends first",
    ]

    /// "What's the oldest open invoice? Email its number and amount due to …": the records read before an action are
    /// narrowed to the one the question picks (a `highest` / `lowest` condition on the read), so the message carries
    /// that record, not all of them.
    static func pickedForAction(_ workflow: Workflow, _ request: PlanningRequest) -> Workflow {
        guard workflow.aggregate == nil, let action = workflow.steps.firstIndex(where: { ActionSteps.isAction($0, request.catalog) }),
            let read = workflow.steps[..<action].lastIndex(where: { $0.capability.hasPrefix("list_") || $0.capability.hasPrefix("search_") }
            ),
            workflow.steps[(read + 1)...].contains(where: { $0.input.values.contains { $0.referencedSteps.contains(read) } }),
            workflow.steps[read].keep?.contains(where: { [.highest, .lowest].contains($0.op) }) != true,
            // "Read the 5 most recent messages in #engineering. Email them to …": a count sized the read; all of them are sent
            // (one was).
            !workflow.steps[read].input.contains(where: { key, value in
                ["limit", "maxResults", "pageSize", "max_results", "count"].contains(key)
                    && { if case .literal(.number(let count)) = value { return count > 1 } else { return false } }()
            }),
            let declared = request.catalog.tool(workflow.steps[read].tool)?.capability(workflow.steps[read].capability)?.fields
        else { return workflow }
        let prompt = request.prompt.lowercased().replacingOccurrences(of: "’", with: "'")
        let says = { (phrases: [String]) in phrases.contains { prompt.rangeOfMatch(of: "\\b\($0)\\b") != nil } }
        let pick: (OutputCondition.Operator, ResultField)?
        if says(highest) || says(lowest) {
            pick = compared(in: declared, prompt: prompt).map { (says(highest) ? .highest : .lowest, $0) }
        } else if says(soonest) {
            pick = dated(in: declared, prompt: prompt).map { (.lowest, $0) }
        } else if says(["most recently", "most recent", "newest"]) {
            pick = dated(in: declared, prompt: prompt).map { (.highest, $0) }
        } else {
            pick = nil
        }
        guard let (op, field) = pick, let path = field.paths.first else { return workflow }
        var planned = workflow
        planned.steps[read].keep = (workflow.steps[read].keep ?? []) + [OutputCondition(path: path, op: op, value: .null)]
        return planned
    }

    static func planned(_ workflow: Workflow, _ request: PlanningRequest) -> Workflow {
        // "the top 5 open deals by amount": ranked records (`TopRecords`), not one figure.
        let ranked = workflow.steps.contains { step in
            step.keep?.contains { [.highest, .lowest].contains($0.op) && ($0.value.numberValue ?? 1) > 1 } == true
        }
        guard !ranked, workflow.aggregate == nil, !workflow.steps.contains(where: { ActionSteps.isAction($0, request.catalog) }),
            workflow.resultSteps.count == 1, let index = workflow.resultSteps.first
        else { return workflow }
        let step = workflow.steps[index]
        guard step.capability.hasPrefix("list_") || step.capability.hasPrefix("search_"),
            let declared = request.catalog.tool(step.tool)?.capability(step.capability)?.fields
        else { return workflow }
        let prompt = request.prompt.lowercased().replacingOccurrences(of: "’", with: "'")
        let says = { (phrases: [String]) in phrases.contains { prompt.rangeOfMatch(of: "\\b\($0)\\b") != nil } }
        var planned = workflow
        let asked = workflow.resultFields.compactMap { ResultShaper.declaredField(for: $0, in: declared) }
        // "how many people are in each channel", "the total per customer": a figure of each record, which it carries.
        // "the combined value of every deal": every record in one figure.
        let perRecord =
            [" each ", " per ", " every ", "totals"].contains { prompt.contains($0) }
            && prompt.rangeOfMatch(of: #"\b(?:combined|total|sum)\s+(?:\w+\s+)?(?:of|across|for)\s+(?:all|every)\b"#)
                == nil
        // "How many open deals do we have and what are they worth in total?": the sum, which carries the count.
        // "How many deals do we have in the CRM in total?": a count, when nothing in it names money.
        let money = [
            "worth", "value", "amounts?", "revenue", "owed?", "owes", "due", "paid", "costs?", "sum", "money", "brings? in", "makes?",
            "earns?", "income", "mrr", "arr", "charged?", "billed", "spen[dt]", "prices?",
        ]
        if says(counting), !perRecord,
            !says(summing) || (asked.first(where: amountLike) ?? amount(in: declared, prompt: prompt)) == nil || !says(money)
        {
            planned.aggregate = ResultAggregate(op: .count)
            planned.resultFields = workflow.resultFields.filter { ResultShaper.declaredField(for: $0, in: declared) != nil }
        } else if says(summing)
            // "How much does Ava Garcia still owe us?": her invoices, after finding her.
            || (says(summingAll) && workflow.steps[..<index].allSatisfy { $0.capability == "list_customers" }
                && step.capability.hasPrefix("list_") && asked.allSatisfy(amountLike)),
            !perRecord,
            // "how much revenue did paid invoices bring": what was paid, though "how much" names the amount due.
            let field =
                (says(["revenue", "income", "earned", "made", "received", "collected", "amount paid", "total paid"])
                    ? paidAmount(in: declared) : nil)
                ?? asked.first(where: amountLike) ?? amount(in: declared, prompt: prompt)
        {
            planned.aggregate = ResultAggregate(op: .sum, field: field.name)
            planned.resultFields = []
        } else if says(highest) || says(lowest) {
            let field = asked.first(where: amountLike) ?? compared(in: declared, prompt: prompt)
            guard let field else { return workflow }
            planned.aggregate = ResultAggregate(op: says(highest) ? .max : .min, field: field.name)
            planned.resultFields = picked(workflow.resultFields, asked: asked, by: field, declared, prompt: prompt)
        } else if says(mostRecent),
            ["which", "who", "what's", "what"].contains(where: { prompt.hasPrefix($0) || prompt.contains(" \($0) ") }),
            !["list_messages", "search_messages"].contains(step.capability),
            let field = dated(in: declared, prompt: prompt)
        {
            // "Which customer signed up most recently?", "who is our newest customer": the one with the latest date.
            planned.aggregate = ResultAggregate(op: .max, field: field.name)
            planned.resultFields = picked(workflow.resultFields, asked: asked, by: field, declared, prompt: prompt)
        } else if says(soonest) {
            guard let field = dated(in: declared, prompt: prompt) else { return workflow }
            planned.aggregate = ResultAggregate(op: .min, field: field.name)
            planned.resultFields = picked(workflow.resultFields, asked: asked, by: field, declared, prompt: prompt)
        } else {
            return workflow
        }
        return planned
    }

    /// The fields a record picked by a figure shows: what says which it is (the capability's first field) and, when
    /// nothing else was asked for, the figure it was picked by ("which subscription renews next" gave the whole
    /// subscription, its date in Unix seconds).
    static func picked(
        _ fields: [String], asked: [ResultField], by field: ResultField, _ declared: [ResultField], prompt: String = ""
    ) -> [String] {
        // "Which customer has the smallest open invoice, and how much is it?": the invoice's customer says which it is.
        let party =
            prompt.rangeOfMatch(of: #"\b(?:which|what) (?:customer|client)\b|\bwho\b"#) != nil
            ? declared.first(where: { ["customer_name", "customer"].contains($0.name) }) : nil
        guard let identity = party ?? declared.first else { return fields }
        if fields.isEmpty { return identity == field ? [identity.name] : [identity.name, field.name] }
        // "Who has the biggest unpaid invoice?": who, and the figure that made it theirs.
        if let party, asked == [party] { return fields + [field.name] }
        return asked.contains(identity) ? fields : [identity.name] + fields
    }

    static func amountLike(_ field: ResultField) -> Bool {
        ["amount", "value", "price", "members", "size", "total"].contains { field.name.contains($0) }
    }

    /// The amount a sum or comparison is of: what was paid when the prompt says so, else what is owed or worth.
    static func amount(in declared: [ResultField], prompt: String) -> ResultField? {
        let named = declared.filter(amountLike)
        // "unpaid" is what is still due.
        if prompt.rangeOfMatch(of: #"\b(?:paid|pay us|received)\b"#) != nil,
            let paid = named.first(where: { $0.name.contains("paid") })
        {
            return paid
        }
        return named.first { !$0.name.contains("paid") } ?? named.first
    }

    static func paidAmount(in declared: [ResultField]) -> ResultField? {
        declared.first { amountLike($0) && $0.name.contains("paid") }
    }

    /// What "largest", "most members", "cheapest" compare: a member count for channels, a size for files, else the amount.
    static func compared(in declared: [ResultField], prompt: String) -> ResultField? {
        if prompt.contains("member") || prompt.contains("people"), let members = declared.first(where: { $0.name == "members" }) {
            return members
        }
        return amount(in: declared, prompt: prompt) ?? declared.first { $0.name == "size" }
    }

    /// The date "soonest", "next to renew", "oldest" compare: the one the prompt's words name (renews, closes,
    /// due, modified, created), else the first date the records carry.
    static func dated(in declared: [ResultField], prompt: String) -> ResultField? {
        let dates = declared.filter(\.isDated)
        let words = PromptText.words(prompt)
        let stems: [(String, [String])] = [
            ("renew", ["next_billing_date"]), ("bill", ["next_billing_date"]), ("close", ["close_date"]), ("clos", ["close_date"]),
            ("due", ["due_date"]), ("modif", ["modified_time"]), ("updat", ["modified_time"]), ("edit", ["modified_time"]),
            ("creat", ["created"]), ("sign", ["created"]), ("join", ["created"]), ("add", ["created"]), ("newest", ["created"]),
            ("start", ["start"]), ("post", ["ts"]), ("longest", ["created"]),
        ]
        for (stem, names) in stems where words.contains(where: { $0.hasPrefix(stem) }) {
            if let field = dates.first(where: { names.contains($0.name) }) { return field }
        }
        return dates.first
    }
}

extension ResultField {
    /// A field holding a time: a date by name or by what its description says it holds.
    var isDated: Bool {
        isTime || name.hasSuffix("date") || name.hasSuffix("_time") || name == "start" || name == "ts"
            || description?.contains("RFC 3339") == true
    }
}
