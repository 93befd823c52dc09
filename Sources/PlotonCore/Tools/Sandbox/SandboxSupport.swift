import Foundation

/// A small deterministic generator for sandbox seeds: the same key gives the same data.
struct SeededRandom {
    private var state: UInt64

    init(_ key: String) {
        state = key.utf8.reduce(14_695_981_039_346_656_037) { ($0 ^ UInt64($1)) &* 1_099_511_628_211 }
    }

    mutating func next(_ bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(max(bound, 1)))
    }

    mutating func pick<T>(_ items: [T]) -> T { items[next(items.count)] }
}

enum SandboxSupport {

    static func iso(_ date: Date) -> String { date.formatted(.iso8601) }

    static func unix(_ date: Date) -> JSONValue { .number(date.timeIntervalSince1970.rounded(.down)) }

    /// The request's sandbox storage, seeded for this account and user on first use.
    static func seededStorage(
        _ request: StepRequest, at now: Date,
        seed: @escaping @Sendable (String, Date) -> [(collection: String, id: String, record: JSONValue)]
    ) async throws -> any SandboxStorage {
        guard let storage = request.sandbox else {
            throw ToolFailure(code: "sandbox_unavailable", message: "The \(request.tool) sandbox needs its storage.")
        }
        let key = seedKey(request)
        try await storage.seedOnce { seed(key, now) }
        return storage
    }

    static func required(_ request: StepRequest, _ input: [String: JSONValue], _ name: String) throws -> JSONValue {
        guard let value = input[name], value != .null else {
            throw ToolFailure(code: "invalid_input", message: "\(request.tool).\(request.capability) needs \(name).")
        }
        return value
    }

    /// One page of `items` from offset `cursor` (a number as text), and the next page's cursor. A
    /// limit of any size (`1e300`, `-1e300`) is clamped to at least one item, as providers do.
    static func page(_ items: [JSONValue], limit: JSONValue?, cursor: JSONValue?) -> (items: [JSONValue], next: String?) {
        let size = limit?.numberValue?.clampedInt(in: 1...Int.max) ?? 100
        let start = min(max(0, cursor.flatMap { Int(DefinitionRunner.text($0)) } ?? 0), items.count)
        let end = start + min(size, items.count - start)
        return (Array(items[start..<end]), end < items.count ? String(end) : nil)
    }

    /// A record asked for by an id that no record has: recoverable, with the read that shows which ids exist.
    static func noRecord(_ noun: String, id: String, _ request: StepRequest, listedBy list: String) -> ToolFailure {
        ToolFailure(
            code: "not_found", message: "No \(noun) with id \"\(id)\" was found (\(request.tool).\(request.capability)).",
            recoverable: true, suggestion: "Check the \(noun)'s id in the prompt; asking to \(list) (\(request.tool)) shows which exist.")
    }

    static func unknown(_ request: StepRequest) -> ToolFailure {
        ToolFailure(code: "unknown_capability", message: "\(request.tool) has no capability \(request.capability).")
    }

    /// A provider-style id: prefix plus 14 base62 characters drawn from the seed.
    static func id(_ prefix: String, _ random: inout SeededRandom) -> String {
        prefix + String((0..<14).map { _ in Character(UnicodeScalar(Base62.alphabet[random.next(62)])) })
    }

    static func seedKey(_ request: StepRequest) -> String { "\(request.tool)|\(request.accountID)|\(request.userID ?? "")" }
}
