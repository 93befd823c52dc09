import SQLKit

extension PlotonTracing {
    /// The stored `traceparent` of each task that has one, by task id: one read per batch of
    /// webhook attempts, and none with tracing off.
    static func traceparents(ofTasks ids: Set<String>, on sql: any SQLDatabase) async throws -> [String: String] {
        guard enabled, !ids.isEmpty else { return [:] }
        struct Row: Decodable {
            var id: String
            var trace_context: String?
        }
        let rows = try await sql.raw("SELECT id, trace_context FROM tasks WHERE id IN (\(SQLList(ids.map { SQLBind($0) })))")
            .all(decoding: Row.self)
        return Dictionary(rows.compactMap { row in row.trace_context.map { (row.id, $0) } }, uniquingKeysWith: { first, _ in first })
    }
}
