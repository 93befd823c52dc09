import Foundation

/// The rows handed over and waiting for the dispatcher: one queue per URL, in the order they were
/// handed over, each row numbered so that rows of several URLs are taken oldest first. A take looks
/// at the front of each URL's queue, as far as the URL's allowance reaches, never at every waiting
/// row: with one busy URL thousands wait behind its limit, and a take per finished attempt that
/// walked (and copied) all of them was the dispatcher's largest cost under load (issue 17,
/// session 22 profile: 11 % of the server's samples on PostgreSQL, and the backlog grew from it).
struct HandoffQueue {
    private struct URLQueue {
        /// Rows from `head` on are waiting; those before it were taken or dropped.
        var rows: [(number: UInt64, handed: WebhookHandoff.Handed)] = []
        var head = 0

        var isEmpty: Bool { head == rows.count }

        /// Forgets taken rows once they are most of the array (amortised: each row moves once).
        mutating func compact() {
            guard head > 64, head * 2 > rows.count else { return }
            rows.removeFirst(head)
            head = 0
        }
    }

    private var urls: [String: URLQueue] = [:]
    private var lastNumber: UInt64 = 0

    var isEmpty: Bool { urls.isEmpty }

    var ids: [String] { urls.values.flatMap { queue in queue.rows[queue.head...].map(\.handed.row.id) } }

    mutating func append(_ handed: WebhookHandoff.Handed) {
        lastNumber += 1
        urls[handed.row.url, default: URLQueue()].rows.append((lastNumber, handed))
    }

    /// Sets the lease of each waiting row `until` reports a date for.
    mutating func setLeases(_ until: (String) -> Date?) {
        for url in Array(urls.keys) {
            guard var queue = urls.removeValue(forKey: url) else { continue }
            for index in queue.head..<queue.rows.count {
                if let date = until(queue.rows[index].handed.row.id) { queue.rows[index].handed.leaseExpiresAt = date }
            }
            urls[url] = queue
        }
    }

    /// Up to `limit` rows, oldest first, each URL's within its `allowance`, in each URL's order:
    /// a URL's rows after the first it cannot take wait. `drop` says of a row at the front whether
    /// it is not to be taken at all (its lease is ending, or its lane was left to the outbox); a
    /// dropped row leaves the queue.
    mutating func take(limit: Int, allowance: (String) -> Int, drop: (WebhookHandoff.Handed) -> Bool) -> [WebhookHandoff.Handed] {
        guard limit > 0 else { return [] }
        var candidates: [(number: UInt64, url: String, index: Int)] = []
        for url in Array(urls.keys) {
            guard var queue = urls.removeValue(forKey: url) else { continue }
            let allowed = min(limit, allowance(url))
            var taken = 0
            while queue.head < queue.rows.count {
                let (number, handed) = queue.rows[queue.head]
                if drop(handed) {
                    queue.head += 1
                    continue
                }
                guard taken < allowed else { break }
                candidates.append((number, url, queue.head))
                taken += 1
                queue.head += 1
            }
            // Kept while it has rows taken: they are read from it below.
            if !queue.isEmpty || taken > 0 { urls[url] = queue }
        }
        candidates.sort { $0.number < $1.number }
        // Past the limit, each URL's rows go back from its first one not taken (a URL's rows are
        // numbered in its order, so those are the end of its run).
        for candidate in candidates.dropFirst(limit) {
            if let head = urls[candidate.url]?.head, candidate.index < head { urls[candidate.url]?.head = candidate.index }
        }
        let taken = candidates.prefix(limit).compactMap { candidate in urls[candidate.url]?.rows[candidate.index].handed }
        for url in Set(candidates.map(\.url)) {
            if urls[url]?.isEmpty == true { urls[url] = nil } else { urls[url]?.compact() }
        }
        return taken
    }
}
