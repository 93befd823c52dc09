import PlotonAPI
import Vapor

extension Encodable {
    /// Encodes with the API's one JSON configuration.
    func jsonResponse(status: HTTPStatus = .ok) throws -> Response {
        let data = try PlotonJSON.encoder().encode(self)
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: status, headers: headers, body: .init(data: data))
    }
}
