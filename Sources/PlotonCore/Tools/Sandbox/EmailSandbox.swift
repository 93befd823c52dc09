import Foundation

/// The `email` tool for test keys, in Gmail's shapes: search returns ids, read returns the message
/// with headers, send stores the message in the user's sent mail. Nothing is ever delivered.
public struct EmailSandbox: ProviderSandbox {
    private let now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date = { Date() }) { self.now = now }

    public func respond(_ request: StepRequest, capability: ToolDefinition.Capability, input: [String: JSONValue]) async throws -> JSONValue
    {
        let storage = try await SandboxSupport.seededStorage(request, at: now(), seed: Self.seed)
        switch request.capability {
        case "search_messages":
            let query = GmailQuery(input["q"]?.stringValue ?? "", now: now())
            let matches = try await storage.all("messages").filter(query.matches)
            // Newest first, as Gmail lists them (a sent message is newer than the seed).
            let newest = matches.enumerated().sorted {
                Self.sentAt($0.element) > Self.sentAt($1.element)
                    || (Self.sentAt($0.element) == Self.sentAt($1.element) && $0.offset > $1.offset)
            }.map(\.element)
            let ids = newest.map {
                JSONValue.object(["id": $0.value(at: "id") ?? .null, "threadId": $0.value(at: "threadId") ?? .null])
            }
            let (page, next) = SandboxSupport.page(ids, limit: input["maxResults"], cursor: input["pageToken"])
            var body: [String: JSONValue] = ["messages": .array(page), "resultSizeEstimate": .number(Double(ids.count))]
            if let next { body["nextPageToken"] = .string(next) }
            return .object(body)
        case "read_message":
            let id = try SandboxSupport.required(request, input, "id").stringValue ?? ""
            guard let message = try await storage.all("messages").first(where: { $0.value(at: "id")?.stringValue == id }) else {
                throw SandboxSupport.noRecord("message", id: id, request, listedBy: "search the messages")
            }
            return message
        case "send_message":
            let raw = try SandboxSupport.required(request, input, "raw").stringValue ?? ""
            var random = SeededRandom(request.idempotencyKey)
            let id = String(SandboxSupport.id("", &random).lowercased().prefix(16))
            let decoded = Base64URL.data(raw).map { String(decoding: $0, as: UTF8.self) } ?? ""
            func header(_ name: String) -> String {
                decoded.split(whereSeparator: \.isNewline).first { $0.lowercased().hasPrefix(name.lowercased() + ":") }
                    .map { String($0.dropFirst(name.count + 1)).trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
            }
            let message = Self.message(
                id: id, from: "me", to: header("To"), subject: header("Subject"),
                snippet: String(decoded.split(whereSeparator: \.isNewline).last ?? ""),
                date: now(), labels: ["SENT"])
            try await storage.put("messages", id: id, message)
            return .object(["id": .string(id), "threadId": .string(id), "labelIds": .array([.string("SENT")])])
        default:
            throw SandboxSupport.unknown(request)
        }
    }

    static func sentAt(_ message: JSONValue) -> Double { Double(message.value(at: "internalDate")?.stringValue ?? "") ?? 0 }

    static func message(id: String, from: String, to: String, subject: String, snippet: String, date: Date, labels: [String]) -> JSONValue {
        .object([
            "id": .string(id), "threadId": .string(id), "labelIds": .array(labels.map(JSONValue.string)), "snippet": .string(snippet),
            "internalDate": .string(String(Int(date.timeIntervalSince1970 * 1000))),
            "payload": .object([
                "headers": .array([
                    .object(["name": .string("From"), "value": .string(from)]), .object(["name": .string("To"), "value": .string(to)]),
                    .object(["name": .string("Subject"), "value": .string(subject)]),
                    .object(["name": .string("Date"), "value": .string(SandboxSupport.iso(date))]),
                ])
            ]),
        ])
    }

    static func seed(key: String, at seededAt: Date) -> [(collection: String, id: String, record: JSONValue)] {
        var random = SeededRandom(key)
        let senders = ["ann@acme.example", "billing@globex.example", "ben@initech.example", "team@hooli.example"]
        let subjects = [
            "Quarterly review", "Invoice INV-1042", "Lunch on Friday?", "Contract renewal", "Welcome aboard", "Bug report: login",
        ]
        // Every sender has at least two messages, whatever the key: a prompt about one sender's mail (its
        // latest, or several to forward) finds them in every sandbox.
        let firstSender = random.next(senders.count)
        return (0..<10).map { index in
            let id = String(SandboxSupport.id("", &random).lowercased().prefix(16))
            let subject = random.pick(subjects)
            let sender = index < senders.count * 2 ? senders[(firstSender + index) % senders.count] : random.pick(senders)
            return (
                "messages", id,
                message(
                    id: id, from: sender, to: "me@example.com", subject: subject, snippet: "About \(subject.lowercased())…",
                    date: seededAt.addingTimeInterval(-Double(index * 9 + 1) * 3_600), labels: index < 3 ? ["INBOX", "UNREAD"] : ["INBOX"])
            )
        }
    }
}
