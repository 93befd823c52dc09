import Foundation

extension TaskObject {
    /// The task as `PlotonJSON.encoder()` writes it (keys sorted, no slashes escaped, whole-second
    /// ISO 8601 dates), byte for byte, without the encoder: a task read (`GET /v1/tasks/{id}`) spent
    /// more on the encoder than on its database read. nil when the encoder is to write it: a number
    /// JSON cannot carry (which the encoder refuses), or a date `ISO8601Timestamps` leaves to the
    /// formatter (within a millisecond of a second's edge, or outside 1970 ..< 10000).
    public var jsonBytes: [UInt8]? {
        var writer = TaskJSONWriter()
        return writer.task(self) ? writer.bytes : nil
    }
}

/// Writes a `TaskObject` field by field in the sorted order of its keys.
private struct TaskJSONWriter {
    var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(512) }

    mutating func task(_ task: TaskObject) -> Bool {
        open()
        key("completed_at", first: true)
        guard date(task.completedAt) else { return false }
        key("created_at")
        guard date(task.createdAt) else { return false }
        key("error")
        if let error = task.error { failure(error) } else { null() }
        key("id")
        string(task.id)
        key("livemode")
        bool(task.livemode)
        key("metadata")
        guard value(.object(task.metadata)) else { return false }
        key("object")
        string(task.object)
        key("prompt")
        string(task.prompt)
        key("result")
        guard value(task.result ?? .null) else { return false }
        key("status")
        string(task.status.rawValue)
        key("sub_agent")
        string(task.subAgent)
        key("tool")
        string(task.tool)
        key("tools")
        bytes.append(UInt8(ascii: "["))
        for (index, tool) in task.tools.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            string(tool)
        }
        bytes.append(UInt8(ascii: "]"))
        key("updated_at")
        guard date(task.updatedAt) else { return false }
        key("user_id")
        string(task.userID)
        key("waiting")
        if let waiting = task.waiting {
            guard self.waiting(waiting) else { return false }
        } else {
            null()
        }
        close()
        return true
    }

    private mutating func failure(_ failure: TaskObject.Failure) {
        open()
        key("code", first: true)
        string(failure.code)
        key("message")
        string(failure.message)
        key("recoverable")
        bool(failure.recoverable)
        key("suggestion")
        string(failure.suggestion)
        key("tool")
        string(failure.tool)
        close()
    }

    /// `auth_url`, `input_schema` and `message` only when present, as its `encode(to:)` writes them.
    private mutating func waiting(_ waiting: TaskObject.Waiting) -> Bool {
        open()
        var first = true
        if let authURL = waiting.authURL {
            key("auth_url", first: true)
            string(authURL)
            first = false
        }
        key("expires_at", first: first)
        guard date(waiting.expiresAt) else { return false }
        if let schema = waiting.inputSchema {
            key("input_schema")
            guard value(schema) else { return false }
        }
        if let message = waiting.message {
            key("message")
            string(message)
        }
        key("reason")
        string(waiting.reason)
        key("scopes")
        guard value(.array(waiting.scopes.map(JSONValue.string))) else { return false }
        key("service")
        string(waiting.service)
        close()
        return true
    }

    private mutating func open() { bytes.append(UInt8(ascii: "{")) }
    private mutating func close() { bytes.append(UInt8(ascii: "}")) }
    private mutating func null() { bytes.append(contentsOf: "null".utf8) }
    private mutating func bool(_ value: Bool) { bytes.append(contentsOf: (value ? "true" : "false").utf8) }

    private mutating func key(_ name: StaticString, first: Bool = false) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        bytes.append(contentsOf: "\":".utf8)
    }

    private mutating func string(_ value: String?) {
        guard let value else { return null() }
        JSONTextWriter.write(value, into: &bytes)
    }

    private mutating func date(_ value: Date?) -> Bool {
        guard let value else {
            null()
            return true
        }
        guard let text = ISO8601Timestamps.written(value) else { return false }
        string(text)
        return true
    }

    private mutating func value(_ value: JSONValue) -> Bool { JSONTextWriter.write(value, into: &bytes) }
}
