/// Why an event request was refused (reported by HTTP/DomainFailures.swift).
enum EventError: Error, Equatable {
    case notFound(String)
    case unknownType
    case deliverySuccessNotBoolean
    /// No enabled endpoint receives events of this type.
    case noDestinations(type: String)
}
