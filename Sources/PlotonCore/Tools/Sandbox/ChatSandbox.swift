import Foundation

/// The `chat` tool for test keys, in Slack's shapes: channels and their messages, per end user.
public struct ChatSandbox: ProviderSandbox {
    private let now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date = { Date() }) { self.now = now }

    static let channels = ["general", "engineering", "sales", "support", "random"]

    public func respond(_ request: StepRequest, capability: ToolDefinition.Capability, input: [String: JSONValue]) async throws -> JSONValue
    {
        let storage = try await SandboxSupport.seededStorage(request, at: now(), seed: Self.seed)
        let channels = try await storage.all("channels")
        func channel(_ reference: String) -> JSONValue? {
            let name = reference.hasPrefix("#") ? String(reference.dropFirst()) : reference
            return channels.first { $0.value(at: "id")?.stringValue == reference || $0.value(at: "name")?.stringValue == name }
        }
        switch request.capability {
        case "list_channels", "find_channel":
            // Slack pages conversations.list; find_channel filters the pages by name afterwards.
            let (page, next) = SandboxSupport.page(channels, limit: input["limit"], cursor: input["cursor"])
            return .object([
                "ok": .bool(true), "channels": .array(page), "response_metadata": .object(["next_cursor": .string(next ?? "")]),
            ])
        case "list_messages":
            // conversations.history takes the channel's id only; a name is channel_not_found, as on Slack.
            let id = input["channel"]?.stringValue ?? ""
            guard channels.contains(where: { $0.value(at: "id")?.stringValue == id }) else {
                return .object(["ok": .bool(false), "error": .string("channel_not_found")])
            }
            // Newest first, a page of `limit` (100 unless asked), as conversations.history answers;
            // `oldest` and `latest` bound the times, both left out (Slack's `inclusive` false).
            let oldest = input["oldest"].flatMap(Self.time) ?? -.infinity
            let latest = input["latest"].flatMap(Self.time) ?? .infinity
            let messages = try await storage.all("messages").filter { $0.value(at: "channel")?.stringValue == id }
                .filter { Self.timestamp($0) > oldest && Self.timestamp($0) < latest }
                .sorted { Self.timestamp($0) > Self.timestamp($1) }
            let (page, next) = SandboxSupport.page(messages, limit: input["limit"], cursor: input["cursor"])
            return .object([
                "ok": .bool(true), "messages": .array(page), "has_more": .bool(next != nil),
                "response_metadata": .object(["next_cursor": .string(next ?? "")]),
            ])
        case "post_message":
            let text = try SandboxSupport.required(request, input, "text")
            guard let found = channel(input["channel"]?.stringValue ?? ""), let id = found.value(at: "id")?.stringValue else {
                return .object(["ok": .bool(false), "error": .string("channel_not_found")])
            }
            let ts = String(format: "%.6f", now().timeIntervalSince1970)
            let message = JSONValue.object([
                "type": .string("message"), "channel": .string(id), "text": text, "ts": .string(ts), "user": .string("U0PLOTON"),
            ])
            try await storage.put("messages", id: "\(id)-\(ts)-\(request.idempotencyKey)", message)
            return .object(["ok": .bool(true), "channel": .string(id), "ts": .string(ts), "message": message])
        default:
            throw SandboxSupport.unknown(request)
        }
    }

    /// A message's `ts` ("1733130000.000100") as a number, so order does not depend on its digits' count.
    private static func timestamp(_ message: JSONValue) -> Double {
        message.value(at: "ts").flatMap(time) ?? 0
    }

    /// A Slack time: a `ts` string, or a number of seconds.
    private static func time(_ value: JSONValue) -> Double? {
        value.stringValue.flatMap(Double.init) ?? value.numberValue
    }

    static func seed(key: String, at seededAt: Date) -> [(collection: String, id: String, record: JSONValue)] {
        var random = SeededRandom(key)
        var rows: [(String, String, JSONValue)] = []
        for (index, name) in channels.enumerated() {
            let id = "C" + String(SandboxSupport.id("", &random).uppercased().prefix(10))
            rows.append(
                (
                    "channels", id,
                    .object([
                        "id": .string(id), "name": .string(name), "is_channel": .bool(true), "is_archived": .bool(false),
                        "num_members": .number(Double(5 + random.next(40))),
                        "created": SandboxSupport.unix(seededAt.addingTimeInterval(-Double(400 - index) * 86_400)),
                        "topic": .object(["value": .string("All things \(name)")]),
                    ])
                ))
            for message in 0..<2 {
                let ts = String(format: "%.6f", seededAt.addingTimeInterval(-Double(3_600 * (message + 1) + index)).timeIntervalSince1970)
                rows.append(
                    (
                        "messages", "\(id)-\(ts)",
                        .object([
                            "type": .string("message"), "channel": .string(id), "user": .string("U0\(index)\(message)"),
                            "text": .string(["Morning all!", "Deploy is green.", "Can someone review my PR?"][random.next(3)]),
                            "ts": .string(ts),
                        ])
                    ))
            }
        }
        return rows
    }
}
