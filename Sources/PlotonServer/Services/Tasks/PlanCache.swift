import Foundation
import PlotonCore
import Synchronization

/// The embedded planner's workflows, kept per process so that a prompt many tasks share is not
/// planned again for each of them (issue 16: about 8 % of a simple task's CPU).
///
/// A plan is reused only for the same prompt, end user and pinned tool, with no answers given, and
/// only over the same tool catalogue: an entry keeps the catalogue it was planned over and serves a
/// request only while the request's catalogue (read by the task as before, on whichever process
/// changed a tool) is equal to it. A plan that depends on the time ("in 2 hours", "tomorrow", "this
/// month") is never kept: a prompt seen a second time is planned at its `now` and at two probe
/// times far apart in every calendar field, and kept only when the three workflows are equal. The
/// first sighting only marks the prompt, so prompts that never repeat cost one extra lookup.
/// Other planners may call out or answer differently each time, and always plan afresh.
final class PlanCache: Sendable {
    struct Key: Hashable {
        var prompt: String
        var userID: String?
        var pinnedTool: String?
        var toolNames: [String]

        init(_ request: PlanningRequest) {
            (prompt, userID, pinnedTool, toolNames) = (
                request.prompt, request.userID, request.pinnedTool, request.catalog.tools.map(\.name)
            )
        }
    }

    private enum Entry {
        case seenOnce
        case workflow(Workflow, tools: [ToolDescriptor])
    }

    /// Past this many entries an arbitrary one makes room: repeated prompts come back at once.
    /// None: every request is planned afresh (`PLOTON_PLAN_CACHE=false`).
    let capacity: Int
    static let defaultCapacity = 1_024
    private let entries = Mutex<[Key: Entry]>([:])

    /// Far from `now` in year, month, day, weekday, hour, minute and second.
    static let probeOffsets: [TimeInterval] = [
        400 * 86_400 + 3 * 3_600 + 7 * 60 + 11, -(45 * 86_400 + 5 * 3_600 + 29 * 60 + 37),
    ]

    init(capacity: Int = defaultCapacity) { self.capacity = capacity }

    /// What `planner` makes of `request`, from this cache when it may be.
    func plan(_ request: PlanningRequest, by planner: any Planner) async throws -> PlanningResult {
        guard capacity > 0, planner is EmbeddedPlanner, request.input.isEmpty else { return try await planner.plan(request) }
        if let workflow = cached(request) { return .workflow(workflow) }
        let key = Key(request)
        guard case .seenOnce? = entries.withLock({ $0[key] }) else {
            store(.seenOnce, at: key)
            return try await planner.plan(request)
        }
        let result = try await planner.plan(request)
        if case .workflow(let workflow) = result, await isTimeless(workflow, request, planner) {
            store(.workflow(workflow, tools: request.catalog.tools), at: key)
        }
        return result
    }

    /// The workflow kept for `request`, planned over a catalogue equal to its own.
    func cached(_ request: PlanningRequest) -> Workflow? {
        guard case .workflow(let workflow, let tools)? = entries.withLock({ $0[Key(request)] }), tools == request.catalog.tools
        else { return nil }
        return workflow
    }

    var count: Int { entries.withLock { $0.count } }

    /// Whether the same request planned at the probe times gives the same workflow.
    private func isTimeless(_ workflow: Workflow, _ request: PlanningRequest, _ planner: any Planner) async -> Bool {
        for offset in Self.probeOffsets {
            var probe = request
            probe.now = request.now.addingTimeInterval(offset)
            guard case .workflow(let other)? = try? await planner.plan(probe), other == workflow else { return false }
        }
        return true
    }

    private func store(_ entry: Entry, at key: Key) {
        entries.withLock { entries in
            if entries[key] == nil, entries.count >= capacity, let evicted = entries.keys.first { entries[evicted] = nil }
            entries[key] = entry
        }
    }
}
