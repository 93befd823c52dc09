/// Why an API key or account could not be found or changed (reported by HTTP/DomainFailures.swift).
enum KeyError: Error, Equatable {
    case notFound(String)
    /// Only active keys roll; `status` is the key's.
    case inactive(status: String)
    /// Unknown, revoked or expired.
    case invalidKey
    case rollOverlapOutOfRange
    case noSuchAccount(String)
}
