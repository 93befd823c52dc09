/// Why a webhook endpoint could not be found, added or changed (reported by HTTP/DomainFailures.swift).
enum WebhookEndpointError: Error, Equatable {
    case notFound(String)
    case notAnHTTPURL
    /// A loopback, private or other non-public address, with the server not allowing those.
    case privateAddress(reason: String)
    case unknownEventType(String)
}
