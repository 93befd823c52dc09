import SQLKit

extension PlotonTracing {
    /// The stored `traceparent` of each task that has one, by task id: one read per batch of
    /// webhook attempts. With tracing off, nothing: not even the ids are gathered.
    static func traceparents(ofTasks taskIDs: @autoclosure () -> Set<String>, on sql: any SQLDatabase) async throws -> [String: String] {
        guard enabled else { return [:] }
        let ids = taskIDs()
        guard !ids.isEmpty else { return [:] }
        struct Row: Decodable {
            var id: String
            var trace_context: String?
        }
        let rows = try await sql.raw("SELECT id, trace_context FROM tasks WHERE id IN (\(SQLList(ids.map { SQLBind($0) })))")
            .all(decoding: Row.self)
        return Dictionary(rows.compactMap { row in row.trace_context.map { (row.id, $0) } }, uniquingKeysWith: { first, _ in first })
    }
}
