import Foundation

/// The source of "now", injected so tests can move time instead of waiting for it.
public struct Clock: Sendable {
    public var now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date) { self.now = now }

    public static let system = Clock { Date() }
}
