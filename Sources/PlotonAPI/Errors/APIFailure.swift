/// An error the API reports to its caller: a stable code, a message that says what to do next, and
/// the parameter at fault when there is one. Thrown by services, rendered once by the server.
public struct APIFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public var code: ErrorCode
    public var message: String
    public var param: String?

    public init(_ code: ErrorCode, _ message: String, param: String? = nil) {
        self.code = code
        self.message = message
        self.param = param
    }

    public var description: String { "\(code.rawValue): \(message)" + (param.map { " (param: \($0))" } ?? "") }

    public static func missing(_ param: String) -> APIFailure {
        APIFailure(.invalidRequest, "Missing required parameter: \(param).", param: param)
    }

    public static func invalid(_ param: String, _ message: String) -> APIFailure {
        APIFailure(.validationError, message, param: param)
    }

    /// Echoes at most 64 characters of `id` (ids are far shorter), so a huge id is not sent back whole.
    public static func notFound(_ what: String, id: String) -> APIFailure {
        let shown = id.count > 64 ? String(id.prefix(64)) + "…" : id
        return APIFailure(.notFound, "No such \(what): '\(shown)'. Check the id, and that your key belongs to the right environment.")
    }
}
