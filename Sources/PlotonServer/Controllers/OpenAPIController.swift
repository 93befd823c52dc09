import Foundation
import Vapor

/// `GET /v1/openapi.json`: the committed OpenAPI 3.1 document, served as is.
enum OpenAPIController {
    static let document: Data? = Bundle.module.url(forResource: "openapi", withExtension: "json")
        .flatMap { try? Data(contentsOf: $0) }

    @Sendable static func show(req: Request) async throws -> Response {
        guard let document = document else { throw Abort(.internalServerError, reason: "openapi.json is missing from the build") }
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: .ok, headers: headers, body: .init(data: document))
    }
}
