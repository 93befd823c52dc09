/// Why a request with an `Idempotency-Key` was not run or replayed (reported by HTTP/DomainFailures.swift).
enum IdempotencyError: Error, Equatable {
    /// Another request with the key has not finished.
    case inProgress
    /// The key was used with a different request.
    case keyReused
    /// The first response's encryption key was retired.
    case unreadable
}
