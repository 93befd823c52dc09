import Foundation

/// The embedded planner's reading of everyday business prompts over the built-in CRM, payments
/// and chat tools: which records, which filters ("open", "active", "this month"), whose account
/// ("user_123's"), and multi-part work ("find #engineering and post a summary of the latest
/// invoice").
enum BusinessIntents {
    static func plan(_ request: PlanningRequest) -> PlanningResult? {
        let prompt = request.prompt
        let words = PromptText.words(prompt)
        let lower = prompt.lowercased()
        let userID = request.userID ?? PromptText.endUser(in: prompt)
        let fields = PromptText.requestedFields(in: prompt)
        var steps: [PlannedStep] = []

        // Payments first: its output can feed a chat message.
        let invoiceWords: Set<String> = ["invoice", "invoices", "bill", "bills"]
        let wantsLatest = ["latest", "last", "recent", "newest", "most"].contains { words.contains($0) }
        if !invoiceWords.isDisjoint(with: words), has(request, "payments") {
            if wantsLatest {
                steps.append(
                    PlannedStep(
                        tool: "payments", capability: "latest_invoice", input: [:], reason: "The prompt asks for the latest invoice."))
            } else {
                let status = ["open", "paid", "unpaid"].first { words.contains($0) }.map { $0 == "unpaid" ? "open" : $0 }
                steps.append(
                    PlannedStep(
                        tool: "payments", capability: "list_invoices", input: status.map { ["status": .literal(.string($0))] } ?? [:],
                        reason: "The prompt asks for invoices."))
            }
        } else if words.contains(where: { $0.hasPrefix("subscription") || $0 == "subscribers" || $0 == "plans" }), has(request, "payments")
        {
            let status =
                words.contains("canceled") || words.contains("cancelled")
                ? "canceled" : words.contains("all") && !words.contains("active") ? "all" : "active"
            steps.append(
                PlannedStep(
                    tool: "payments", capability: "list_subscriptions", input: ["status": .literal(.string(status))],
                    reason: "The prompt asks for \(status) subscriptions."))
        } else if words.contains("customers"), has(request, "payments") {
            steps.append(PlannedStep(tool: "payments", capability: "list_customers", input: [:], reason: "The prompt asks for customers."))
        }

        // CRM.
        if words.contains(where: { ["deal", "deals", "pipeline", "opportunities"].contains($0) }), has(request, "crm") {
            var keep: [OutputCondition] = []
            if words.contains("open") || words.contains("active") {
                keep.append(OutputCondition(path: "properties.hs_is_closed", op: .equals, value: .string("false")))
            } else if words.contains("won") {
                keep.append(OutputCondition(path: "properties.dealstage", op: .equals, value: .string("closedwon")))
            } else if words.contains("lost") {
                keep.append(OutputCondition(path: "properties.dealstage", op: .equals, value: .string("closedlost")))
            }
            keep += created(lower, path: "properties.createdate", now: request.now)
            steps.append(
                PlannedStep(
                    tool: "crm", capability: "list_deals", input: [:], keep: keep.isEmpty ? nil : keep,
                    reason: "The prompt asks for CRM deals" + (keep.isEmpty ? "." : ", filtered as it says.")))
        } else if words.contains(where: { ["contact", "contacts", "leads", "people"].contains($0) }), has(request, "crm") {
            let keep = created(lower, path: "properties.createdate", now: request.now)
            steps.append(
                PlannedStep(
                    tool: "crm", capability: "list_contacts", input: [:], keep: keep.isEmpty ? nil : keep,
                    reason: "The prompt asks for CRM contacts" + (keep.isEmpty ? "." : ", created in the period it names.")))
        }

        // Chat: find the channel, then post (a summary of the previous step when there is one).
        let channel = PromptText.channel(in: prompt)
        let wantsChat = words.contains("chat") || words.contains("slack") || channel != nil
        if wantsChat, has(request, "chat") {
            let posts = ["post", "send", "share", "announce", "tell", "notify", "message"].contains { words.contains($0) }
            if let channel {
                steps.append(
                    PlannedStep(
                        tool: "chat", capability: "find_channel", input: ["name": .literal(.string(channel))],
                        reason: "The prompt names the #\(channel) channel."))
            }
            if posts {
                let channelInput: JSONInput =
                    channel != nil
                    ? .reference(step: steps.count - 1, path: "0.id") : .literal(.string(request.input["channel"]?.stringValue ?? ""))
                let text: JSONInput =
                    summaryTemplate(after: steps.dropLast(channel != nil ? 1 : 0).last, index: steps.count - (channel != nil ? 2 : 1))
                    ?? .literal(.string(PromptText.quoted(in: prompt) ?? prompt))
                steps.append(
                    PlannedStep(
                        tool: "chat", capability: "post_message", input: ["channel": channelInput, "text": text],
                        reason: "The prompt asks to post a message."))
            } else if channel == nil {
                steps.append(
                    PlannedStep(tool: "chat", capability: "list_channels", input: [:], reason: "The prompt is about the team chat."))
            }
        }

        guard !steps.isEmpty else { return nil }
        // When the prompt posts, the answer is the post; otherwise the data asked for.
        return .workflow(Workflow(steps: steps, resultFields: fields, userID: userID))
    }

    static func has(_ request: PlanningRequest, _ tool: String) -> Bool { request.catalog.tool(tool) != nil }

    /// "created this month / this week / today / last month" as conditions on a date field.
    static func created(_ prompt: String, path: String, now: Date) -> [OutputCondition] {
        guard let range = PromptText.dateRange(in: prompt, now: now) else { return [] }
        let formatter = ISO8601DateFormatter()
        return [
            OutputCondition(path: path, op: .since, value: .string(formatter.string(from: range.start))),
            OutputCondition(path: path, op: .before, value: .string(formatter.string(from: range.end))),
        ]
    }

    /// A readable summary of a known record shape produced by `step`, for a chat message.
    static func summaryTemplate(after step: PlannedStep?, index: Int) -> JSONInput? {
        guard let step, index >= 0 else { return nil }
        switch (step.tool, step.capability) {
        case ("payments", "latest_invoice"):
            return .template(
                "Latest invoice {{\(index).number}} for {{\(index).customer_name}}: {{\(index).amount_due|money}} {{\(index).currency|upper}}, "
                    + "status {{\(index).status}}, due {{\(index).due_date|date}}.")
        default:
            return nil
        }
    }
}
