/// Why a connection request was refused (reported by HTTP/DomainFailures.swift).
enum ConnectionError: Error, Equatable {
    case notFound(String)
    case unknownStatus
}
