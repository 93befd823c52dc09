import Foundation

/// "Show my unread emails", "any emails from ann this week?": a Gmail search answers with message ids alone,
/// which tell a person nothing. When the search is what the task returns, each message it found is read too
/// (a step that runs once per id, `FanOut`), and the result carries what a person reads an inbox by.
enum MessageReads {
    /// What each message shows when the prompt names no fields.
    static let shownFields = ["subject", "sender", "date", "snippet", "id"]

    /// The fields a prompt may ask of what `step` returns: for a search of messages, also what each message read has
    /// ("the sender and subject of my unread emails").
    static func fields(answering step: PlannedStep, _ catalog: ToolCatalog) -> [ResultField] {
        let declared = catalog.tool(step.tool)?.capability(step.capability)?.fields ?? []
        guard step.tool == "email", step.capability == "search_messages" else { return declared }
        return declared + (catalog.tool("email")?.capability("read_message")?.fields ?? [])
    }

    static func planned(_ workflow: Workflow, _ request: PlanningRequest) -> Workflow {
        guard workflow.aggregate == nil, workflow.resultSteps.count == 1, let search = workflow.resultSteps.first,
            workflow.steps[search].tool == "email", workflow.steps[search].capability == "search_messages",
            let read = request.catalog.tool("email")?.capability("read_message"),
            let found = request.catalog.tool("email")?.capability("search_messages")
        else { return workflow }
        // "return the message ids": what the search itself answers.
        let asked = workflow.resultFields
        if !asked.isEmpty, asked.allSatisfy({ ResultShaper.declaredField(for: $0, in: found.fields) != nil }) { return workflow }
        var planned = workflow
        planned.steps.append(
            PlannedStep(
                tool: "email", capability: "read_message",
                input: ["id": .reference(step: search, path: "*.id"), "format": .literal(.string("metadata"))],
                reason: "Read each message the search found: a search answers with ids alone."))
        planned.resultStep = nil
        // "who emailed me about the bug report?", "whos the last person that emailed me": who sent them.
        let who = request.prompt.rangeOfMatch(
            of: #"(?i)\bwho(?:'s|’s|s| has| have| is| was)?\s+(?:the\s+)?(?:(?:last|latest|most\s+recent|first)\s+(?:person|one|people)\s+"#
                + #"(?:that|who|to)\s+)?(?:e-?mailed|e-?mail|mailed|mail|sent|wrote|written|messaged|contacted)\b"#)
        // "who sent me the last 3 emails?": the verb of the question is no date ("sent" came back as when).
        let verbs: Set<String> = ["sent", "wrote", "written", "emailed", "e-mailed", "mailed", "messaged", "contacted"]
        let readable = asked.filter {
            ResultShaper.declaredField(for: $0, in: read.fields) != nil && !(who != nil && verbs.contains($0.lowercased()))
        }
        planned.resultFields = !readable.isEmpty ? readable : who != nil ? ["sender"] : shownFields
        return planned
    }
}
