import Foundation
import PlotonAPI
import PlotonCore
import Vapor

/// `GET /v1/tools` without building and encoding the built-in definitions on every request: each
/// built-in's object is encoded once per process, with `credentials_configured` false and true
/// (a definition only changes with a release; the flag is the account's), and the list is joined
/// from the encoded objects. The bytes are those `ListObject(...).jsonResponse()` writes (keys
/// sorted, as `PlotonJSON` encodes).
enum EncodedToolList {
    struct BuiltIn: Sendable {
        var name: String
        var withoutCredentials: Data
        var withCredentials: Data
    }

    static let builtIns: [BuiltIn] = ToolCatalog.builtInDefinitions.map { definition in
        BuiltIn(
            name: definition.name,
            withoutCredentials: encoded(ToolPresenter.builtIn(definition, credentialsConfigured: false)),
            withCredentials: encoded(ToolPresenter.builtIn(definition, credentialsConfigured: true)))
    }

    /// One value as the API encodes it (a `JSONValue` always encodes).
    static func encoded(_ value: JSONValue) -> Data {
        (try? PlotonJSON.encoder().encode(value)) ?? Data("null".utf8)
    }

    /// `{"data":[…],"has_more":…,"object":"list"}` from encoded objects.
    static func response(_ objects: some Collection<Data>, hasMore: Bool) -> Response {
        var body = Data("{\"data\":[".utf8)
        for (index, object) in objects.enumerated() {
            if index > 0 { body.append(UInt8(ascii: ",")) }
            body.append(object)
        }
        body.append(contentsOf: Data("],\"has_more\":\(hasMore),\"object\":\"list\"}".utf8))
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: .ok, headers: headers, body: .init(data: body))
    }
}
