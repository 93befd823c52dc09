import PlotonAPI
import Vapor

extension Encodable {
    /// Encodes with the API's one JSON configuration.
    func jsonResponse(status: HTTPStatus = .ok) throws -> Response {
        Response.json(body: .init(data: try PlotonJSON.encoder().encode(self)), status: status)
    }
}

extension TaskObject {
    /// The same bytes as the encoder's, written without it (`TaskObject.jsonBytes`): the body of
    /// every task read and create.
    func jsonResponse(status: HTTPStatus = .ok) throws -> Response {
        Response.json(try jsonBody(), status: status)
    }

    /// The body `jsonResponse` sends.
    func jsonBody() throws -> ByteBuffer {
        guard let bytes = jsonBytes else { return ByteBuffer(data: try PlotonJSON.encoder().encode(self)) }  // throws as it did
        return ByteBuffer(bytes: bytes)
    }
}

extension Response {
    /// A JSON body as it is, `200` unless told.
    static func json(_ bytes: ByteBuffer, status: HTTPStatus = .ok) -> Response {
        json(body: .init(buffer: bytes), status: status)
    }

    fileprivate static func json(body: Response.Body, status: HTTPStatus) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: status, headers: headers, body: body)
    }
}
