/// How many attempts one process may have in flight to each destination: a limit per URL that
/// grows by one with every healthy answer and halves on an error or a timeout, between 1 and
/// `maximum` (additive increase, multiplicative decrease, as TCP does), so a healthy receiver is
/// soon sent all it can take and a failing one only a trickle.
///
/// A burst of failures from attempts started before the last decrease halves the limit once, not
/// once each: they report on the load that was already cut.
public struct DestinationConcurrency: Sendable {
    public let initial: Int
    public let maximum: Int
    private var destinations: [String: Destination] = [:]

    private struct Destination {
        var limit: Int
        var inFlight = 0
        var generation = 0
    }

    /// One started attempt, handed back to `finished`.
    public struct Ticket: Sendable {
        public let destination: String
        let generation: Int
    }

    public init(initial: Int, maximum: Int) {
        self.maximum = max(1, maximum)
        self.initial = min(max(1, initial), self.maximum)
    }

    /// The destination's current limit.
    public func limit(_ destination: String) -> Int { destinations[destination]?.limit ?? initial }

    /// How many more attempts may start now.
    public func allowance(_ destination: String) -> Int {
        guard let state = destinations[destination] else { return initial }
        return max(0, state.limit - state.inFlight)
    }

    /// Every destination's allowance now, as data a database query can take.
    public var allowances: Allowances {
        Allowances(known: destinations.mapValues { max(0, $0.limit - $0.inFlight) }, otherwise: initial)
    }

    /// How many more attempts may start now to each destination: `known` for those with attempts
    /// in flight or a limit away from its start, `otherwise` for the rest.
    public struct Allowances: Sendable {
        public var known: [String: Int]
        public var otherwise: Int

        public init(known: [String: Int] = [:], otherwise: Int) {
            self.known = known
            self.otherwise = otherwise
        }

        /// No limit of this process's own (the cap across processes still applies).
        public static let unlimited = Allowances(otherwise: .max)

        public func callAsFunction(_ destination: String) -> Int { known[destination] ?? otherwise }
    }

    public mutating func started(_ destination: String) -> Ticket {
        var state = destinations[destination] ?? Destination(limit: initial)
        state.inFlight += 1
        destinations[destination] = state
        return Ticket(destination: destination, generation: state.generation)
    }

    /// Records how an attempt went: `healthy` is an answer (any status but 5xx and 429), false an
    /// error, a timeout or an overloaded receiver.
    public mutating func finished(_ ticket: Ticket, healthy: Bool) {
        guard var state = destinations[ticket.destination] else { return }
        state.inFlight = max(0, state.inFlight - 1)
        if healthy {
            state.limit = min(maximum, state.limit + 1)
        } else if ticket.generation == state.generation {
            state.limit = max(1, state.limit / 2)
            state.generation += 1
        }
        // Idle destinations at their starting point are forgotten, so the table stays small.
        if state.inFlight == 0, state.limit == initial {
            destinations[ticket.destination] = nil
        } else {
            destinations[ticket.destination] = state
        }
    }
}
