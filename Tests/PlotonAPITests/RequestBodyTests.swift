import Foundation
import PlotonAPI
import Testing

/// PlotonAPI's request types against openapi.json and against the strict-decoding rules.
@Suite struct RequestBodyTests {
    /// Each request type, the schema it is documented with, and a value with every field set.
    struct Documented: Sendable {
        var schema: String
        var fields: Set<String>
        var requiredFields: Set<String>
        var roundTrips: @Sendable () throws -> Bool

        init<Body: RequestBody & Equatable>(_ schema: String, _ sample: Body) {
            self.schema = schema
            fields = Body.fields
            requiredFields = Body.requiredFields
            roundTrips = { try PlotonJSON.decoder().decode(Body.self, from: PlotonJSON.encoder().encode(sample)) == sample }
        }
    }

    static let documented: [Documented] = [
        Documented("CreateSubagentRequest", CreateSubagentRequest(name: "billing-desk", prompt: "Invoices in Stripe")),
        Documented("UpdateSubagentRequest", UpdateSubagentRequest(name: "billing-desk", prompt: "Invoices in Stripe")),
    ]

    func schemas() throws -> [String: Any] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let data = try Data(contentsOf: root.appendingPathComponent("Sources/PlotonServer/Resources/openapi.json"))
        let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
    }

    @Test func request_types_have_the_fields_openapi_documents() throws {
        let schemas = try schemas()
        for type in Self.documented {
            let schema = try #require(schemas[type.schema] as? [String: Any], "\(type.schema) is not in openapi.json")
            let properties = Set((schema["properties"] as? [String: Any] ?? [:]).keys)
            #expect(type.fields == properties, "\(type.schema)")
            #expect(type.requiredFields == Set(schema["required"] as? [String] ?? []), "\(type.schema)")
            #expect(schema["additionalProperties"] as? Bool == false, "\(type.schema) is decoded strictly")
            #expect(try type.roundTrips(), "\(type.schema)")
        }
    }

    func decode<Body: RequestBody>(_ type: Body.Type, _ json: String) throws -> Body {
        try PlotonJSON.decoder().decode(Body.self, from: Data(json.utf8))
    }

    @Test func bodies_are_decoded_strictly() throws {
        #expect(throws: RequestBodyError.unknownField("tools", accepted: ["name", "prompt"])) {
            try decode(CreateSubagentRequest.self, #"{"name":"a","prompt":"b","tools":[]}"#)
        }
        #expect(throws: RequestBodyError.missing("prompt")) { try decode(CreateSubagentRequest.self, #"{"name":"a","prompt":null}"#) }
        #expect(throws: RequestBodyError.invalid("name", message: "name must be a string, not a number.")) {
            try decode(CreateSubagentRequest.self, #"{"name":5,"prompt":"b"}"#)
        }
        #expect(throws: RequestBodyError.notAnObject(actualType: "array")) { try decode(UpdateSubagentRequest.self, "[]") }
        #expect(try decode(UpdateSubagentRequest.self, #"{"name":null}"#) == UpdateSubagentRequest())
        #expect(String(decoding: try PlotonJSON.encoder().encode(UpdateSubagentRequest(prompt: "p")), as: UTF8.self) == #"{"prompt":"p"}"#)
    }
}
