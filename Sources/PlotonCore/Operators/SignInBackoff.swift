import Foundation

/// How long an operator account stays locked after repeated failed sign-ins: the first
/// `freeAttempts` failures cost nothing, then each further one locks the account for a window
/// that doubles from `firstLock` up to `longestLock`. A successful sign-in resets the count.
public struct SignInBackoff: Sendable, Equatable {
    public var freeAttempts: Int
    public var firstLock: TimeInterval
    public var longestLock: TimeInterval

    public init(freeAttempts: Int = 5, firstLock: TimeInterval = 30, longestLock: TimeInterval = 3600) {
        self.freeAttempts = freeAttempts
        self.firstLock = firstLock
        self.longestLock = longestLock
    }

    /// The lock after `failures` consecutive failures, or nil while they are still free.
    public func lock(afterFailures failures: Int) -> TimeInterval? {
        guard failures >= freeAttempts else { return nil }
        let doublings = min(failures - freeAttempts, 20)
        return min(firstLock * pow(2, Double(doublings)), longestLock)
    }
}

/// What an operator password must be: long enough to resist guessing, and within bcrypt's
/// 72-byte input so that no part of it is silently ignored.
public enum OperatorPasswordRule {
    public static let minimumLength = 12
    public static let maximumBytes = 72

    /// A reason the password is refused, or nil when it is acceptable.
    public static func problem(with password: String) -> String? {
        if password.count < minimumLength { return "Use a password of at least \(minimumLength) characters." }
        if password.utf8.count > maximumBytes { return "Use a password of at most \(maximumBytes) bytes." }
        return nil
    }
}
