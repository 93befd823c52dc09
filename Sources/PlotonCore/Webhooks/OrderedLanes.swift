/// Items that must be handled one after another within their lane (a task's events to one
/// receiver) and may run in parallel across lanes. `enqueue` returns the items whose lane was
/// idle, to start now; the rest wait, and `next(after:)` hands out each lane's following item
/// when the one before it is done.
public struct OrderedLanes<Item>: Sendable where Item: Sendable {
    private var waiting: [String: [Item]] = [:]

    public init() {}

    /// Items in the order they must be handled; nil as a lane means none (handled at once).
    public mutating func enqueue(_ items: [(lane: String?, item: Item)]) -> [(lane: String?, item: Item)] {
        var startNow: [(lane: String?, item: Item)] = []
        for (lane, item) in items {
            guard let lane else {
                startNow.append((nil, item))
                continue
            }
            if waiting[lane] != nil {
                waiting[lane]?.append(item)
            } else {
                waiting[lane] = []
                startNow.append((lane, item))
            }
        }
        return startNow
    }

    /// The lane's next item, or nil when it has none (the lane is idle again).
    public mutating func next(after lane: String) -> Item? {
        guard var queue = waiting[lane] else { return nil }
        guard !queue.isEmpty else {
            waiting[lane] = nil
            return nil
        }
        let item = queue.removeFirst()
        waiting[lane] = queue
        return item
    }
}
