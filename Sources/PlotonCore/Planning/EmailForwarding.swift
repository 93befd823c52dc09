import Foundation

/// "Forward the latest email from ben@… to kim@…", "search my email for the Hooli contract, read it, and forward it to
/// legal@…": the message read is sent on as Gmail forwards it: subject `Fwd: <subject>`, then a "Forwarded message"
/// block with its sender, date, subject and recipient, then its text (attachments are not carried). A search
/// returns only ids, so the first message it found is read first.
enum EmailForwarding {
    static func forward(_ clause: PromptClause, _ request: PlanningRequest, after steps: [PlannedStep]) -> ActionSteps.Outcome {
        // "find emails from ben@… and forward them to ann@…": one message is forwarded per step, and forwarding the
        // first would leave the others unsent.
        let several = !clause.words.isDisjoint(with: ["them", "all", "every", "each", "emails", "messages", "mails", "those", "these"])
        let one = !clause.words.isDisjoint(with: ["one", "latest", "newest", "last", "recent", "first", "it"])
        if several && !one {
            return .cannot("no tool here forwards several messages at once; forward one (\"forward the latest email from ann@… to …\")")
        }
        let lower = clause.text.lowercased()
        let recipients = PromptText.emails(in: clause.text).filter { !lower.contains("from \($0.lowercased())") }
        var planned: [PlannedStep] = []
        // "forward the latest email from ben@… to kim@…": the message is found as "find the latest email from ben@…" finds it.
        if !steps.contains(where: { ["search_messages", "read_message"].contains($0.capability) }) {
            planned = ReadIntents.plan(found(clause.text, without: recipients), request, after: steps).filter { $0.tool == "email" }
        }
        let all = steps + planned
        guard let last = all.lastIndex(where: { ["search_messages", "read_message"].contains($0.capability) }) else {
            return .cannot("say which email to forward (\"the latest email from ann@…\", \"the email about the contract\")")
        }
        var read = last
        if all[last].capability == "search_messages" {
            planned.append(
                PlannedStep(
                    tool: "email", capability: "read_message", input: ["id": .reference(step: last, path: "0.id")],
                    reason: "The prompt forwards the message the search found; read it first."))
            read = all.count
        }
        let to = recipients.isEmpty ? request.input["to"]?.stringValue : recipients.joined(separator: ", ")
        let sent = ActionSteps.email(
            to: to, message: (subject: "{{\(read)|forwarded_subject}}", body: nil), body: .template("{{\(read)|forwarded}}"), request,
            after: steps + planned)
        guard case .steps(let sending) = sent else { return sent }
        return .steps(planned + sending)
    }

    /// "Read the latest email from jenna@… and forward the gist to me at kai@…": what of a message is forwarded is the
    /// message, forwarded whole (its text is what a forward carries).
    static func gistForwarded(_ prompt: String) -> String {
        prompt.replacingMatches(
            of: #"(?i)\bforward\s+(?:the\s+|its\s+)?(?:gist|summary|content|contents|text|body|tl;?dr)(?:\s+of\s+it)?\b"#,
            with: "forward it")
    }

    /// "forward the latest email from ben@… to kim@…" → "find the latest email from ben@…": the words that say which
    /// message, without the verb and where it goes.
    static func found(_ text: String, without recipients: [String]) -> String {
        var words = text.split(separator: " ").map(String.init)
        if let verb = words.firstIndex(where: { $0.lowercased() == "forward" }) { words[verb] = "find" }
        for recipient in recipients {
            if let at = words.firstIndex(where: { $0.lowercased().trimmingCharacters(in: .punctuationCharacters) == recipient.lowercased() }
            ) {
                let start = at > 0 && ["to", "on", "over"].contains(words[at - 1].lowercased()) ? at - 1 : at
                words.removeSubrange(start...at)
            }
        }
        return words.joined(separator: " ")
    }
}

/// A Gmail message (`users.messages.get`) as text: its headers and its plain-text body.
enum GmailMessageText {
    static func header(_ name: String, of message: JSONValue) -> String? {
        message.value(at: "payload.headers")?.arrayValue?.first { $0.value(at: "name")?.stringValue?.lowercased() == name.lowercased() }?
            .value(at: "value")?.stringValue
    }

    /// The `text/plain` part, decoded (base64url), else the body itself, else Gmail's snippet.
    static func body(of message: JSONValue) -> String {
        plainText(in: message.value(at: "payload")) ?? message.value(at: "snippet")?.stringValue ?? ""
    }

    static func plainText(in part: JSONValue?, depth: Int = 0) -> String? {
        guard let part, depth < 8 else { return nil }
        let mime = part.value(at: "mimeType")?.stringValue ?? "text/plain"
        if mime.hasPrefix("text/plain"), let data = part.value(at: "body.data")?.stringValue, let text = decoded(data) { return text }
        return part.value(at: "parts")?.arrayValue?.lazy.compactMap { plainText(in: $0, depth: depth + 1) }.first
    }

    static func decoded(_ base64url: String) -> String? {
        Base64URL.data(base64url).flatMap { String(data: $0, encoding: .utf8) }
    }

    /// "Fwd: Contract renewal", RFC 2047 encoded when it is not ASCII (it goes in a header as it is).
    static func forwardedSubject(of message: JSONValue) -> String {
        let subject = "Fwd: " + (header("Subject", of: message) ?? "")
        return subject.allSatisfy(\.isASCII) ? subject : "=?UTF-8?B?\(Data(subject.utf8).base64EncodedString())?="
    }

    /// "Contract draft (from Dmitri <dmitri@…>, Mon, 7 Dec 2026 09:12:00 +0000): Hi, attached is …": a message as one line.
    static func line(_ message: JSONValue) -> String {
        let from = [header("From", of: message), header("Date", of: message)].compactMap { $0 }.joined(separator: ", ")
        let snippet = message.value(at: "snippet")?.stringValue ?? ""
        return (header("Subject", of: message) ?? "(no subject)") + (from.isEmpty ? "" : " (from \(from))")
            + (snippet.isEmpty ? "" : ": " + snippet)
    }

    static func forwarded(_ message: JSONValue) -> String {
        let lines = ["From", "Date", "Subject", "To"].compactMap { name in header(name, of: message).map { "\(name): \($0)" } }
        return (["---------- Forwarded message ---------"] + lines + ["", body(of: message)]).joined(separator: "\n")
    }
}
