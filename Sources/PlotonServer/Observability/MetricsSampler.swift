import Fluent
import Foundation
import PlotonAPI
import SQLKit

/// The gauges that need the database or the operating system, read when Prometheus scrapes rather
/// than on every request: queue depth and the oldest pending task's age (index `tasks_queue`),
/// outbox depth, connections by status, how long a pooled database connection took to get, and
/// this process's resident memory.
struct MetricsSampler {
    let database: any Database
    let now: Date

    func sample() async throws {
        let started = ContinuousClock.now
        let waited = try await database.withConnection { _ in ContinuousClock.now - started }
        PlotonMetrics.gauge("ploton_database_pool_wait_seconds", Double(waited.nanoseconds) / 1e9)

        let pending = AgentTask.query(on: database).filter(\.$status == TaskStatus.pending)
        PlotonMetrics.gauge("ploton_task_queue_depth", Double(try await pending.count()))
        let oldest = try await pending.sort(\.$createdAt).field(\.$id).field(\.$createdAt).first()
        PlotonMetrics.gauge("ploton_task_oldest_pending_age_seconds", oldest.map { max(0, now.timeIntervalSince($0.createdAt)) } ?? 0)

        // The status in the text: PostgreSQL's pending-only index serves it then (`IndexPendingWebhookDeliveries`).
        let outbox =
            try await (database as? any SQLDatabase)?.raw(
                "SELECT COUNT(*) AS count FROM webhook_deliveries WHERE status = \(literal: WebhookDelivery.Status.pending.rawValue)"
            ).first(decoding: Count.self)?.count ?? 0
        PlotonMetrics.gauge("ploton_webhook_outbox_depth", Double(outbox))

        struct Row: Decodable {
            var status: String
            var count: Int
        }
        let rows = try await (database as? any SQLDatabase)?.raw("SELECT status, COUNT(*) AS count FROM connections GROUP BY status")
            .all(decoding: Row.self)
        let counts = Dictionary((rows ?? []).map { ($0.status, $0.count) }, uniquingKeysWith: +)
        for status in [Connection.Status.active, .expired, .revoked] {
            PlotonMetrics.gauge("ploton_connections", Double(counts[status.rawValue] ?? 0), labels: [("status", status.rawValue)])
        }
        PlotonMetrics.runningTasks(0)  // shown as 0 before the first task
        if let resident = Self.residentMemoryBytes() { PlotonMetrics.gauge("process_resident_memory_bytes", resident) }
    }

    private struct Count: Decodable {
        var count: Int
    }

    /// Linux's `/proc/self/statm` (pages); nil elsewhere.
    static func residentMemoryBytes() -> Double? {
        guard let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return nil }
        let fields = statm.split(separator: " ")
        guard fields.count > 1, let pages = Double(fields[1]) else { return nil }
        return pages * Double(sysconf(Int32(_SC_PAGESIZE)))
    }
}
