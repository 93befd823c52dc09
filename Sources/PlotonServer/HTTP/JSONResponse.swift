import PlotonAPI
import Vapor

extension Encodable {
    /// Encodes with the API's one JSON configuration.
    func jsonResponse(status: HTTPStatus = .ok) throws -> Response {
        Response.json(.init(data: try PlotonJSON.encoder().encode(self)), status: status)
    }
}

extension TaskObject {
    /// The same bytes as the encoder's, written without it (`TaskObject.jsonBytes`): the body of
    /// every task read and create.
    func jsonResponse(status: HTTPStatus = .ok) throws -> Response {
        guard let bytes = jsonBytes else {
            return Response.json(.init(data: try PlotonJSON.encoder().encode(self)), status: status)  // throws as it did
        }
        return Response.json(.init(buffer: ByteBuffer(bytes: bytes)), status: status)
    }
}

extension Response {
    fileprivate static func json(_ body: Response.Body, status: HTTPStatus) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: status, headers: headers, body: body)
    }
}
