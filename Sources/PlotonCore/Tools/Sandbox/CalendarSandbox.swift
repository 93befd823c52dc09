import Foundation

/// The `calendar` tool for test keys, in Google Calendar's shapes, per end user.
public struct CalendarSandbox: ProviderSandbox {
    private let now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date = { Date() }) { self.now = now }

    public func respond(_ request: StepRequest, capability: ToolDefinition.Capability, input: [String: JSONValue]) async throws -> JSONValue
    {
        let storage = try await SandboxSupport.seededStorage(request, at: now(), seed: Self.seed)
        switch request.capability {
        case "list_events":
            let formatter = ISO8601DateFormatter()
            let lower = input["timeMin"]?.stringValue.flatMap(formatter.date(from:))
            let upper = input["timeMax"]?.stringValue.flatMap(formatter.date(from:))
            let query = input["q"]?.stringValue?.lowercased()
            let events = try await storage.all("events").filter { event in
                let start = event.value(at: "start.dateTime")?.stringValue.flatMap(formatter.date(from:)) ?? .distantPast
                return (lower.map { start >= $0 } ?? true) && (upper.map { start < $0 } ?? true)
                    && (query.map { event.jsonText.lowercased().contains($0) } ?? true)
            }.sorted { ($0.value(at: "start.dateTime")?.stringValue ?? "") < ($1.value(at: "start.dateTime")?.stringValue ?? "") }
            let (page, next) = SandboxSupport.page(events, limit: input["maxResults"] ?? .number(250), cursor: input["pageToken"])
            var body: [String: JSONValue] = ["kind": .string("calendar#events"), "items": .array(page)]
            if let next { body["nextPageToken"] = .string(next) }
            return .object(body)
        case "create_event":
            let summary = try SandboxSupport.required(request, input, "summary")
            let start = try SandboxSupport.required(request, input, "start")
            let end = try SandboxSupport.required(request, input, "end")
            var random = SeededRandom(request.idempotencyKey)
            let id = String(SandboxSupport.id("", &random).lowercased().prefix(20))
            let event = JSONValue.object([
                "id": .string(id), "kind": .string("calendar#event"), "status": .string("confirmed"), "summary": summary, "start": start,
                "end": end,
                "description": input["description"] ?? .null, "attendees": input["attendees"] ?? .array([]),
                "created": .string(SandboxSupport.iso(now())), "htmlLink": .string("https://calendar.google.com/event?eid=\(id)"),
            ])
            try await storage.put("events", id: id, event)
            return event
        default:
            throw SandboxSupport.unknown(request)
        }
    }

    static func seed(key: String, at seededAt: Date) -> [(collection: String, id: String, record: JSONValue)] {
        var random = SeededRandom(key)
        let titles = [
            "Team standup", "1:1 with Maya", "Customer call: Acme", "Sprint planning", "Design review", "Lunch with Ben", "Board prep",
            "Hiring sync",
        ]
        let day = (seededAt.timeIntervalSince1970 / 86_400).rounded(.down) * 86_400
        return titles.enumerated().map { index, title in
            let id = String(SandboxSupport.id("", &random).lowercased().prefix(20))
            let start = Date(timeIntervalSince1970: day + Double(index - 2) * 86_400 + Double(9 + random.next(8)) * 3_600)
            return (
                "events", id,
                .object([
                    "id": .string(id), "kind": .string("calendar#event"), "status": .string("confirmed"), "summary": .string(title),
                    "start": .object(["dateTime": .string(SandboxSupport.iso(start))]),
                    "end": .object([
                        "dateTime": .string(SandboxSupport.iso(start.addingTimeInterval(Double(30 + 30 * random.next(2)) * 60)))
                    ]),
                    "attendees": .array([.object(["email": .string("me@example.com")])]),
                    "htmlLink": .string("https://calendar.google.com/event?eid=\(id)"),
                ])
            )
        }
    }
}
