import Foundation

/// Everything PlotonKit throws.
public enum PlotonError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The API answered with its error envelope.
    case api(status: Int, code: String, message: String, param: String?, requestID: String?)
    /// The client is configured wrongly (a missing or malformed `PLOTON_API_KEY`, a bad base URL).
    case configuration(String)
    /// The server could not be reached, or answered with something that is not the API.
    case transport(String)
    /// `tasks.wait` ran out of time.
    case timedOut(taskID: String)
    /// A webhook delivery failed verification.
    case invalidSignature(String)

    public var description: String {
        switch self {
        case .api(let status, let code, let message, _, let requestID):
            "\(code) (HTTP \(status)): \(message)" + (requestID.map { " [\($0)]" } ?? "")
        case .configuration(let message), .transport(let message), .invalidSignature(let message): message
        case .timedOut(let id): "task \(id) did not reach a final state in time"
        }
    }

    /// The API's error code, when it is an API error.
    public var code: String? { if case .api(_, let code, _, _, _) = self { code } else { nil } }
}
