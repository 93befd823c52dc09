import Foundation

/// Look-up-then-act: an action on a record the prompt names rather than identifies ("move *it* to
/// closed won" after finding the deal, "send *her* an email" after finding Chloe, "move the Acme deal
/// to …") takes the record's id or address from the step that found it, or from a search planned
/// right before it. An action on every record of a list ("email each of them") is a loop the
/// embedded planner does not plan: it fails loudly instead of acting once.
enum RecordLookups {
    /// Capabilities that find people, and where a found person's email address is.
    static let people: [String: String] = [
        "crm.search_contacts": "0.properties.email", "crm.list_contacts": "0.properties.email", "payments.list_customers": "0.email",
    ]
    /// Reads that may find many records: acting on "them" after one of these is a loop.
    static let lists: Set<String> = ["crm.list_contacts", "crm.list_deals", "payments.list_customers", "payments.list_invoices"]

    static let singular: Set<String> = ["her", "him", "his", "it", "its"]

    /// Inputs and kept fields that pick out one person, company or record.
    static let identifying: Set<String> = ["query", "q", "email", "customer", "name", "id", "dealname", "company", "number"]

    /// Whether a lookup is narrowed to what the prompt names (a search, an address, a name kept):
    /// the first record of an unfiltered list is whoever the provider lists first, never the one meant.
    static func identifies(_ step: PlannedStep) -> Bool {
        guard lists.contains("\(step.tool).\(step.capability)") else { return true }
        return !identifying.isDisjoint(with: step.input.keys)
            || (step.keep ?? []).contains { $0.op == .equals && identifying.contains(String($0.path.split(separator: ".").last ?? "")) }
    }
    static let plural: Set<String> = ["them", "each", "every", "everyone", "all", "those", "these", "everybody"]

    /// The address of "her" in a message: the one the prompt states elsewhere ("a call with ann@… and
    /// email her"), else `{{N.path}}`, the email of the person an earlier step found.
    static func recipient(_ clause: PromptClause, prompt: String, after steps: [PlannedStep]) -> String? {
        if let sender = sender(clause, after: steps) { return sender }
        guard !clause.words.isDisjoint(with: singular.union(["them", "they", "their"])) else { return nil }
        let stated = Set(PromptText.emails(in: prompt).map { $0.lowercased() })
        if stated.count == 1, let address = PromptText.emails(in: prompt).first {
            // "look up the Stripe customer ann@… and send them …": the person found at that address.
            for (index, step) in steps.enumerated().reversed() {
                if let path = people["\(step.tool).\(step.capability)"],
                    step.input["email"].flatMap(EmbeddedPlanner.literalText)?.lowercased() == address.lowercased()
                {
                    return "{{\(index).\(path)}}"
                }
            }
            return address
        }
        // "Schedule … with anna@… and ben@…, and email them both that the invite is out": the event's guests.
        if stated.count > 1, !clause.words.isDisjoint(with: ["them", "they", "both", "all"]),
            let event = steps.last(where: { $0.capability == "create_event" }),
            case .literal(.array(let guests))? = event.input["attendees"]
        {
            let addresses = guests.compactMap { $0.value(at: "email")?.stringValue }
            if !addresses.isEmpty { return addresses.joined(separator: ", ") }
        }
        guard let index = steps.lastIndex(where: { people["\($0.tool).\($0.capability)"] != nil && identifies($0) }),
            let path = people["\(steps[index].tool).\(steps[index].capability)"]
        else { return nil }
        return "{{\(index).\(path)}}"
    }

    /// "find my latest email and book a call with the sender": the address of the message's From header, when the message
    /// read last is the latest record anyone was found in (the call was booked with no one).
    static func sender(_ clause: PromptClause, after steps: [PlannedStep]) -> String? {
        guard !clause.words.isDisjoint(with: ["sender", "whoever"]),
            let read = steps.lastIndex(where: { $0.capability == "read_message" }),
            !steps[(read + 1)...].contains(where: { people["\($0.tool).\($0.capability)"] != nil })
        else { return nil }
        return "{{\(read).payload.headers[name=From].value|address}}"
    }

    /// "… invite them": the address of each person the steps before found one by one (one contact search each).
    static func peopleFound(_ clause: PromptClause, after steps: [PlannedStep]) -> [String] {
        guard !clause.words.isDisjoint(with: ["them", "they", "their", "both", "all"]) else { return [] }
        return steps.indices.filter { steps[$0].tool == "crm" && steps[$0].capability == "search_contacts" }.map {
            "{{\($0).0.properties.email}}"
        }
    }

    /// "email each of them", "add them to HubSpot", "email them" after reading contacts: an action for
    /// every record an earlier list read ("email them to me" sends the list, once).
    static func loop(_ clause: PromptClause, after steps: [PlannedStep]) -> String? {
        let words = clause.words
        guard let last = steps.last(where: { !["find_channel", Weather.geocode].contains($0.capability) }),
            !words.isDisjoint(with: plural), words.isDisjoint(with: ["me", "us", "myself", "ourselves"]),
            PromptText.emails(in: clause.text).isEmpty, PromptText.channels(in: clause.text).isEmpty
        else { return nil }
        let name = "\(last.tool).\(last.capability)"
        let each = !words.isDisjoint(with: ["each", "every", "everyone", "everybody"])
        let recipients = clause.kind == .deliver ? people[name] != nil && lists.contains(name) : lists.contains(name)
        // "find contact 1002 and set up a 1:1 with them": a list kept to one record is that record.
        // "look up the Stripe customer ann@… and send them …": a list filtered by one address is that person.
        let one = (last.keep ?? []).contains { $0.op == .equals && $0.path == "id" } || last.input["email"] != nil
        guard each || (recipients && !one) else { return nil }
        return loopProblem(clause)
    }

    /// People a message goes to, one by one: "email each overdue customer a reminder", "send every contact …".
    static let personNouns: Set<String> = [
        "customer", "customers", "contact", "contacts", "client", "clients", "lead", "leads", "attendee", "attendees", "subscriber",
        "subscribers", "user", "users", "person", "people", "payer", "payers",
    ]

    /// "email each overdue customer a payment reminder": a message to every person of a kind, before any
    /// read found them, is a loop too; asked for as one `to` it would reach one address.
    static func eachRecipient(_ clause: PromptClause, prompt: String = "") -> String? {
        guard clause.kind == .deliver, PromptText.emails(in: clause.text).isEmpty, PromptText.channels(in: clause.text).isEmpty,
            clause.words.isDisjoint(with: ["me", "us", "myself"])
        else { return nil }
        // "for every contact at Zephyr, send a thank-you email": the people come in the part before.
        let lower = prompt.lowercased()
        let opening = lower.hasPrefix("for each ") || lower.hasPrefix("for every ") || lower.hasPrefix("for all ")
        if let loop = openingLoop(clause, prompt: prompt) { return loop }
        let text = opening ? String(lower.prefix { $0 != "," }) + " " + clause.text : clause.text
        let words = text.lowercased().split(whereSeparator: \.isWhitespace).map { $0.trimmingCharacters(in: .punctuationCharacters) }
        guard let each = words.firstIndex(where: { ["each", "every", "all"].contains($0) }),
            words.dropFirst(each + 1).prefix(3).contains(where: personNouns.contains)
        else { return nil }
        return loopProblem(clause)
    }

    /// "for each open invoice, email the customer a reminder", "For every deal closing this month, put a reminder on my
    /// calendar": an action for every record the opening names (one reminder, or a list, came of it).
    static func openingLoop(_ clause: PromptClause, prompt: String) -> String? {
        let lower = prompt.lowercased().trimmingCharacters(in: .whitespaces)
        guard clause.isAction, ["for each ", "for every ", "for all "].contains(where: lower.hasPrefix), lower.contains(","),
            !String(lower.prefix { $0 != "," }).contains(clause.text.lowercased())
        else { return nil }
        return loopProblem(clause)
    }

    /// "Email ana@… and ben@… their latest invoice": each one's own record is a loop, and "her latest invoice"
    /// to two people is nobody's in particular; planned, one customer's invoice (or any) went to both.
    static func ownRecordsOfSeveral(_ clause: PromptClause) -> String? {
        let addresses = Set(PromptText.emails(in: clause.text).map { $0.lowercased() })
        guard addresses.count > 1 else { return nil }
        let tokens = clause.text.lowercased().split(whereSeparator: \.isWhitespace).map {
            $0.trimmingCharacters(in: .punctuationCharacters)
        }
        let records: Set<String> = [
            "invoice", "invoices", "subscription", "subscriptions", "plan", "plans", "deal", "deals", "bill", "bills", "receipt",
            "receipts", "balance", "payment", "payments",
        ]
        guard
            let owner = tokens.indices.first(where: { index in
                ["his", "her", "their"].contains(tokens[index]) && tokens[(index + 1)...].prefix(3).contains(where: records.contains)
            })
        else { return nil }
        let problem =
            tokens[owner] == "their"
            ? "each one's own record needs a look-up per person, which the embedded planner does not plan"
            : "\"\(tokens[owner])\" could mean any of them"
        return "\"\(clause.text)\" goes to \(addresses.count) people, and \(problem); ask once per person "
            + "(\"email ann@… her latest invoice\")"
    }

    /// "Refund $45.50 on the latest invoice's payment and email the customer that it's done": the address of the
    /// customer billed by the one invoice read before (asked for as `to`, though the invoice holds it).
    static func billedCustomer(_ clause: PromptClause, after steps: [PlannedStep]) -> String? {
        guard clause.kind == .deliver,
            !clause.words.isDisjoint(with: ["customer", "client", "payer", "buyer", "her", "him", "them"]),
            !steps.contains(where: { people["\($0.tool).\($0.capability)"] != nil }),
            let index = steps.lastIndex(where: { $0.tool == "payments" && ["latest_invoice", "list_invoices"].contains($0.capability) })
        else { return nil }
        if steps[index].capability == "latest_invoice" { return "{{\(index).customer_email}}" }
        // One invoice kept by its number is that invoice; a list is many customers.
        guard (steps[index].keep ?? []).contains(where: { $0.op == .equals && ["number", "id"].contains($0.path) }) else { return nil }
        return "{{\(index).0.customer_email}}"
    }

    /// Why a part that acts once per record is not planned, and how to ask for it instead.
    static func loopProblem(_ clause: PromptClause) -> String {
        "doing \"\(clause.verb ?? clause.text)\" for each record found needs a loop over them, which the embedded planner "
            + "does not plan (the LLM planner does); name one record per request (\"refund pi_…\", \"email ann@… her invoice\") "
            + "or send the records once as a list (\"email them to me at …\")"
    }

    /// The payment a refund names by its invoice: "refund Ben's last invoice" reads the latest invoice
    /// (after finding the customer) and refunds its `payment_intent`; "… and refund it" after reading it
    /// refunds the one read.
    static func payment(
        _ clause: PromptClause, _ request: PlanningRequest, after steps: [PlannedStep]
    ) -> (reads: [PlannedStep], intent: JSONInput)? {
        if let read = steps.lastIndex(where: { $0.capability == "latest_invoice" }),
            !clause.words.isDisjoint(with: singular.union(["that", "this"]))
        {
            return ([], .reference(step: read, path: "payment_intent"))
        }
        let pointsBack = !clause.words.isDisjoint(with: ["it", "its", "that", "this", "the"])
        // "Find invoice INV-1011 and refund its payment in full": the payment of the invoice found by its number.
        if pointsBack,
            let read = steps.lastIndex(where: {
                $0.capability == "list_invoices" && ($0.keep ?? []).contains { $0.op == .equals && $0.path == "number" }
            })
        {
            return ([], .reference(step: read, path: "0.payment_intent"))
        }
        // "Check payment pi_77QrStU, refund $12.50 of it": the payment read.
        if pointsBack, let read = steps.lastIndex(where: { $0.capability == "get_payment" }) {
            return ([], .reference(step: read, path: "id"))
        }
        // "Refund $45.50 on the latest invoice's payment": the latest invoice's payment is the latest invoice's.
        var text = clause.text.replacingMatches(
            of: #"\b(invoice|bill)['’]s\s+(?:payment(?:\s+intent)?|charge)\b"#, with: "$1", options: .caseInsensitive)
        // "Ben Chen was overcharged, refund $40 of his latest paid invoice": whose, from the one person the prompt names (the
        // newest invoice of anyone was refunded).
        if case let people = PartyNames.fullNames(in: request.prompt), people.count == 1,
            let owner = text.rangeOfMatch(of: #"(?i)\b(?:his|her)\b(?=\s+(?:[\w-]+\s+){0,3}(?:invoice|bill|payment|charge)s?\b)"#)
        {
            text = text.replacingCharacters(in: owner, with: people[0] + "'s")
        }
        // "Refund the last payment from ann@…": a customer's last payment is their latest paid invoice's.
        let lastPaid = #"(?i)\b(?:last|latest|most recent|recent|newest)\s+(?:payment|charge)\s+(?:from|of|by|for)\s+"#
        if let paid = text.rangeOfMatch(of: lastPaid),
            let customer = PromptText.emails(in: String(text[paid.upperBound...])).first
                ?? ReadIntents.customerName(in: "for " + text[paid.upperBound...])
        {
            text = "the latest invoice for \(customer)"
        } else if let owner = text.rangeOfMatch(
            of: #"\b\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){0,3}(?=['’]s\s+(?:last|latest|most recent|newest)\s+(?:payment|charge)\b)"#)
        {
            // "refund Ben Chen's last payment".
            text = "the latest invoice for \(text[owner])"
        } else if clause.words.isDisjoint(with: ["invoice", "bill", "payment", "charge"]) {
            // "issue a partial refund for Hooli": the payment of their latest paid invoice.
            guard let customer = ReadIntents.customerName(in: clause.text) else { return nil }
            text = "the latest invoice for \(customer)"
        }
        // "refund him forty bucks from his latest invoice" with nobody named: whose is not known (the newest invoice of
        // anyone was refunded).
        let owned = #"(?i)\b(?:his|her|their)\b(?=\s+(?:[\w-]+\s+){0,3}(?:invoice|bill|payment|charge)s?\b)"#
        if text.rangeOfMatch(of: owned) != nil, PromptText.emails(in: request.prompt).isEmpty,
            !steps.contains(where: { people["\($0.tool).\($0.capability)"] != nil })
        {
            return nil
        }
        var reads = ReadIntents.business(text, PromptText.words(text), request, index: steps.count)
        // "Refund $20 on Ben Chen's invoice INV-1010": the invoice kept by its number, and its payment.
        if let last = reads.last, last.capability == "list_invoices", (last.keep ?? []).contains(where: { $0.op == .equals }) {
            return (reads, .reference(step: steps.count + reads.count - 1, path: "0.payment_intent"))
        }
        guard let last = reads.last, last.capability == "latest_invoice" else { return nil }
        // "Refund Emma Silva's last invoice": the latest one that was paid. An open invoice has no payment to
        // refund, and asking to approve its refund only to fail helps no one.
        reads[reads.count - 1].input["status"] = .literal(.string("paid"))
        return (reads, .reference(step: steps.count + reads.count - 1, path: "payment_intent"))
    }

    /// The id of the record an update names: one an earlier step found ("find the Acme deal and move
    /// it …"), else a search for the name the clause gives ("move the Acme deal to …"), planned first.
    static func record(
        _ noun: String, in clause: PromptClause, after steps: [PlannedStep], prompt: String = "", newValues: [String] = []
    ) -> (search: PlannedStep?, id: JSONInput)? {
        let finds: Set<String> = noun == "deal" ? ["search_deals", "list_deals"] : ["search_contacts", "list_contacts"]
        let found = steps.lastIndex(where: { $0.tool == "crm" && finds.contains($0.capability) && identifies($0) })
        // "Make a new deal 'X' …, then set its close date to …": the record an earlier step created.
        if let created = steps.lastIndex(where: { $0.tool == "crm" && $0.capability == "create_\(noun)" }), created > (found ?? -1),
            !clause.words.isDisjoint(with: ["it", "its", "his", "her", "their", "them", "him"])
        {
            return (nil, .reference(step: created, path: "id"))
        }
        if let found { return (nil, .reference(step: found, path: "0.id")) }
        // "a meeting with liam@…, then update his lifecycle stage": his contact, found by the one address stated.
        let addresses = Set(PromptText.emails(in: prompt).map { $0.lowercased() })
        let pronounced = noun == "contact" && !clause.words.isDisjoint(with: ["his", "her", "their", "him", "them"])
        // "update his company to Fabrikam": the new value is no name to search by (the first contact at Fabrikam was
        // changed); "his" is the person the prompt named before.
        // "change the company of contact O'Reilly to '3M Partners LLC'": the quoted value is the new one, not the name.
        let quotedNew = clause.text.rangeOfMatch(of: #"(?i)\sto\s+["'“‘][^"'”’]+["'”’]\s*[.!]?$"#) != nil
        // "update his email to marcus@new.example and his company to …": neither new value names him.
        let named = withoutValues(newValues, in: pronounced || quotedNew ? withoutNewValue(clause.text) : clause.text)
        let stated = addresses.subtracting(newValues.map { $0.lowercased() })
        guard
            let query = ReadIntents.searchQuery(named, stageWord: false)
                ?? (pronounced && stated.count == 1 ? stated.first : nil)
                ?? (pronounced ? personNamed(before: clause, in: prompt) : nil)
                // "change Ana Ruiz's last name to …": whose field it is.
                ?? (noun == "contact" ? ReadIntents.possessor(in: named) ?? PromptText.emails(in: named).first : nil)
                ?? (noun == "contact" ? lowerCaseName(in: named) : nil)
        else { return nil }
        let search = PlannedStep(
            tool: "crm", capability: noun == "deal" ? "search_deals" : "search_contacts", input: ["query": .literal(.string(query))],
            reason: "The prompt names the \(noun) \(query); find its id first.")
        return (search, .reference(step: steps.count, path: "0.id"))
    }

    /// "Change the email address of contact Ben Carter to ben@new.example" → "… contact Ben Carter to": the values a
    /// change sets, taken out of the words that name the record.
    static func withoutValues(_ values: [String], in text: String) -> String {
        values.filter { $0.count > 1 }.reduce(text) { text, value in
            text.replacingMatches(
                of: #"(?<![\p{L}\p{N}@.])"# + NSRegularExpression.escapedPattern(for: value) + #"(?![\p{L}\p{N}@])"#, with: "",
                options: .caseInsensitive)
        }
    }

    /// "change email of contact ana ruiz to …": a person's name typed in lower case, two or three words between the
    /// record word and the change ("to", "'s").
    static func lowerCaseName(in text: String) -> String? {
        guard
            let match = text.rangeOfMatch(
                of: #"(?i)\bcontact\s+([\p{L}'’-]+(?:\s+[\p{L}'’-]+){1,2})(?:['’]s\b|\s+to\b)"#)
        else { return nil }
        var name = text[match].split(separator: " ").dropFirst().joined(separator: " ")
        if name.lowercased().hasSuffix(" to") { name = String(name.dropLast(3)) }
        if name.hasSuffix("'s") || name.hasSuffix("’s") { name = String(name.dropLast(2)) }
        let parts = name.lowercased().split(separator: " ").map(String.init)
        let common = ReadIntents.commonWords.union(PromptClauses.knownNouns).union(ReadIntents.contactFieldWords)
        guard (2...3).contains(parts.count), parts.allSatisfy({ $0.count > 1 && !common.contains($0) }) else { return nil }
        return name
    }

    /// "update his company to Fabrikam" → "update his company": the words before the value a change sets.
    static func withoutNewValue(_ text: String) -> String {
        guard let to = text.range(of: " to ", options: [.caseInsensitive, .backwards]) else { return text }
        return String(text[..<to.lowerBound])
    }

    /// "Marcus Greene has changed jobs. Please update his company to Fabrikam.": the last person the prompt names in
    /// full (two to four capitalised words) before the part.
    static func personNamed(before clause: PromptClause, in prompt: String) -> String? {
        guard let range = prompt.range(of: clause.text) else { return nil }
        var best: String?
        var run: [String] = []
        let close = {
            if (2...4).contains(run.count) { best = run.joined(separator: " ") }
            run = []
        }
        for token in prompt[..<range.lowerBound].split(whereSeparator: \.isWhitespace) {
            let word = token.trimmingCharacters(in: PartyNames.edges)
            let lower = word.lowercased()
            let usable =
                word.first?.isUppercase == true && word.allSatisfy({ $0.isLetter || "-'’".contains($0) })
                && !PartyNames.openers.contains(lower) && PromptClauses.actionVerbs[lower] == nil
                && !PromptClauses.readVerbs.contains(lower) && !ReadIntents.brands.contains(lower) && !PromptText.namesTime(lower)
            if usable { run.append(word) } else { close() }
            if usable, token.last.map({ ",.;:!?)".contains($0) }) == true { close() }
        }
        close()
        return best
    }
}
