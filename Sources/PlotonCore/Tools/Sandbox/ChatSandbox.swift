import Foundation

/// The `chat` tool for test keys, in Slack's shapes: channels and their messages, per end user.
public struct ChatSandbox: ToolExecutor {
    private let now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date = { Date() }) { self.now = now }

    static let channels = ["general", "engineering", "sales", "support", "random"]

    public func execute(_ request: StepRequest) async throws -> StepOutcome {
        let storage = try await SandboxSupport.seededStorage(request, at: now(), seed: Self.seed)
        let channels = try await storage.all("channels")
        func channel(_ reference: String) -> JSONValue? {
            let name = reference.hasPrefix("#") ? String(reference.dropFirst()) : reference
            return channels.first { $0.value(at: "id")?.stringValue == reference || $0.value(at: "name")?.stringValue == name }
        }
        switch request.capability {
        case "list_channels":
            return .completed(.array(channels))
        case "find_channel":
            let name = try SandboxSupport.required(request, "name").stringValue ?? ""
            return .completed(.array(channel(name).map { [$0] } ?? []))
        case "list_messages":
            guard let found = channel(try SandboxSupport.required(request, "channel").stringValue ?? ""),
                let id = found.value(at: "id")?.stringValue
            else { throw ToolFailure(code: "channel_not_found", message: "No such channel.") }
            return .completed(.array(try await storage.all("messages").filter { $0.value(at: "channel")?.stringValue == id }.reversed()))
        case "post_message":
            let reference = try SandboxSupport.required(request, "channel").stringValue ?? ""
            let text = try SandboxSupport.required(request, "text")
            guard let found = channel(reference), let id = found.value(at: "id")?.stringValue else {
                throw ToolFailure(code: "channel_not_found", message: "No channel '\(reference)'.", suggestion: "List the channels first.")
            }
            let ts = String(format: "%.6f", now().timeIntervalSince1970)
            let message = JSONValue.object([
                "type": .string("message"), "channel": .string(id), "text": text, "ts": .string(ts), "user": .string("U0PLOTON"),
            ])
            try await storage.put("messages", id: "\(id)-\(ts)-\(request.idempotencyKey)", message)
            return .completed(.object(["ok": .bool(true), "channel": .string(id), "ts": .string(ts), "message": message]))
        default:
            throw SandboxSupport.unknown(request)
        }
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
