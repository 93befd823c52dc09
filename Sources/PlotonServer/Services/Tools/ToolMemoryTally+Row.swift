import Foundation
import PlotonCore

/// A tally as a `tool_memory` row holds it, after the row's key: each column named once, for the
/// rollup's reads and its upsert alike.
extension ToolMemoryTally {
    enum Column: String, CodingKey {
        case runs, successes, attempts, retries
        case latencyTotalMS = "latency_total_ms", latencyCount = "latency_count", latencyMaxMS = "latency_max_ms"
        case rateLimited = "rate_limited", lastRetryAfterMS = "last_retry_after_ms", lastRetryAt = "last_retry_at"
        case lastRunAt = "last_run_at"
        /// The counts by failure code, as a JSON object.
        case failures
    }

    /// The tally a row holds; a row that does not read fails the query, never counts as empty.
    init(row decoder: any Decoder) throws {
        let row = try decoder.container(keyedBy: Column.self)
        let failures = try row.decode(String.self, forKey: .failures)
        self.init(
            runs: try row.decode(Int.self, forKey: .runs), successes: try row.decode(Int.self, forKey: .successes),
            attempts: try row.decode(Int.self, forKey: .attempts), retries: try row.decode(Int.self, forKey: .retries),
            latencyTotalMS: try row.decode(Double.self, forKey: .latencyTotalMS),
            latencyCount: try row.decode(Int.self, forKey: .latencyCount),
            latencyMaxMS: try row.decodeIfPresent(Double.self, forKey: .latencyMaxMS),
            rateLimited: try row.decode(Int.self, forKey: .rateLimited),
            lastRetryAfterMS: try row.decodeIfPresent(Double.self, forKey: .lastRetryAfterMS),
            lastRetryAt: try row.decodeIfPresent(String.self, forKey: .lastRetryAt),
            lastRunAt: try row.decodeIfPresent(Date.self, forKey: .lastRunAt),
            failures: try JSONDecoder().decode([String: Double].self, from: Data(failures.utf8)).mapValues { Int($0) })
    }

    /// The row's values by column, as the upsert writes them.
    var columns: [(Column, any Encodable & Sendable)] {
        [
            (.runs, runs), (.successes, successes), (.attempts, attempts), (.retries, retries), (.latencyTotalMS, latencyTotalMS),
            (.latencyCount, latencyCount), (.latencyMaxMS, latencyMaxMS), (.rateLimited, rateLimited),
            (.lastRetryAfterMS, lastRetryAfterMS), (.lastRetryAt, lastRetryAt), (.lastRunAt, lastRunAt),
            (.failures, JSONValue.object(failures.mapValues { .number(Double($0)) }).jsonText),
        ]
    }
}
