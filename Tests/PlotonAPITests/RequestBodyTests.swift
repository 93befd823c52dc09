import Foundation
import PlotonAPI
import Testing

/// PlotonAPI's request types against openapi.json and against the strict-decoding rules.
@Suite struct RequestBodyTests {
    /// Each request type, the operation it is documented for, and a value with every field set.
    struct Documented: Sendable {
        var operation: String
        var fields: Set<String>
        var requiredFields: Set<String>
        var roundTrips: @Sendable () throws -> Bool

        init<Body: RequestBody & Equatable>(_ operation: String, _ sample: Body) {
            self.operation = operation
            fields = Body.fields
            requiredFields = Body.requiredFields
            roundTrips = { try PlotonJSON.decoder().decode(Body.self, from: PlotonJSON.encoder().encode(sample)) == sample }
        }
    }

    static let documented: [Documented] = [
        Documented("POST /v1/subagents", CreateSubagentRequest(name: "billing-desk", prompt: "Invoices in Stripe")),
        Documented("PATCH /v1/subagents/{id}", UpdateSubagentRequest(name: "billing-desk", prompt: "Invoices in Stripe")),
        Documented("POST /v1/api_keys", CreateAPIKeyRequest(name: "ci", environment: .test)),
        Documented("POST /v1/api_keys/{id}/roll", ExpiresInRequest(expiresIn: 60)),
        Documented("POST /v1/webhook_secret/roll", ExpiresInRequest(expiresIn: 60)),
        Documented("POST /v1/users/{user_id}/settings_link", ExpiresInRequest(expiresIn: 600)),
        Documented(
            "POST /v1/connections/authorize",
            AuthorizeConnectionRequest(userID: "u1", tool: "gmail", scopes: ["read"], redirectURL: "https://example.com/done")),
        Documented(
            "POST /v1/webhook_endpoints",
            CreateWebhookEndpointRequest(url: "https://example.com/hooks", events: ["*"], enabled: true, description: "CRM")),
        Documented(
            "PATCH /v1/webhook_endpoints/{id}",
            UpdateWebhookEndpointRequest(
                url: "https://example.com/hooks", events: ["task.complete"], enabled: false, description: .some(nil))),
        Documented(
            "POST /v1/tasks",
            CreateTaskRequest(
                prompt: "Weather in Paris", userID: "u1", metadata: ["order": .number(7)], tool: "weather", subAgent: "desk", mode: .test,
                webhookURL: "https://example.com/hooks")),
        Documented("POST /v1/tasks/{id}/input", TaskInputRequest(input: ["city": .string("Paris")], approve: true)),
        Documented("POST /v1/tools", ToolDefinitionRequest(["name": .string("crm"), "base_url": .string("https://crm.example.com")])),
        Documented("PUT /v1/tools/{name}/credentials", ToolCredentialsRequest(apiKey: "k", token: "t", username: "u", password: "p")),
        Documented("POST /v1/tools/{name}/refresh", RefreshToolRequest(userID: "u1")),
    ]

    func document() throws -> [String: Any] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let data = try Data(contentsOf: root.appendingPathComponent("Sources/PlotonServer/Resources/openapi.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// Every operation's JSON request schema, `$ref`s resolved, by "METHOD /path".
    func requestSchemas() throws -> [String: [String: Any]] {
        let document = try document()
        let components = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
        var schemas: [String: [String: Any]] = [:]
        for (path, item) in try #require(document["paths"] as? [String: Any]) {
            for (method, operation) in item as? [String: Any] ?? [:] {
                guard let body = (operation as? [String: Any])?["requestBody"] as? [String: Any],
                    var schema = ((body["content"] as? [String: Any])?["application/json"] as? [String: Any])?["schema"] as? [String: Any]
                else { continue }
                if let reference = schema["$ref"] as? String {
                    schema = try #require(components[String(reference.split(separator: "/").last ?? "")] as? [String: Any])
                }
                schemas["\(method.uppercased()) \(path)"] = schema
            }
        }
        return schemas
    }

    @Test func request_types_have_the_fields_openapi_documents() throws {
        var schemas = try requestSchemas()
        for type in Self.documented {
            let documented = schemas.removeValue(forKey: type.operation)
            let schema = try #require(documented, "\(type.operation) takes no body in openapi.json")
            let properties = Set((schema["properties"] as? [String: Any] ?? [:]).keys)
            #expect(type.fields == properties, "\(type.operation)")
            #expect(type.requiredFields == Set(schema["required"] as? [String] ?? []), "\(type.operation)")
            #expect(schema["additionalProperties"] as? Bool == false, "\(type.operation) is decoded strictly")
            #expect(try type.roundTrips(), "\(type.operation)")
        }
        // A tool's update takes any field of its definition; `name` too (it must stay the same), so that a
        // whole definition, as the dashboard's edit form sends it, can be sent back. openapi.json leaves it out.
        let toolUpdate = schemas.removeValue(forKey: "PATCH /v1/tools/{name}")
        let update = try #require(toolUpdate)
        #expect(Set((update["properties"] as? [String: Any] ?? [:]).keys).union(["name"]) == ToolDefinitionRequest.fields)
        #expect(schemas.isEmpty, "request types missing for \(schemas.keys.sorted())")
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
        #expect(throws: RequestBodyError.unknownField("x", accepted: [])) { try decode(EmptyRequest.self, #"{"x":1}"#) }
        #expect(throws: RequestBodyError.invalid("expires_in", message: "expires_in must be a whole number.")) {
            try decode(ExpiresInRequest.self, #"{"expires_in":1.5}"#)
        }
        #expect(throws: RequestBodyError.invalid("environment", message: #"environment must be "test" or "live"."#)) {
            try decode(CreateAPIKeyRequest.self, #"{"name":"a","environment":"prod"}"#)
        }
    }

    @Test func a_null_description_removes_it_and_an_absent_one_keeps_it() throws {
        #expect(try decode(UpdateWebhookEndpointRequest.self, #"{"description":null}"#).description == .some(nil))
        #expect(try decode(UpdateWebhookEndpointRequest.self, "{}").description == nil)
        let cleared = try PlotonJSON.encoder().encode(UpdateWebhookEndpointRequest(description: .some(nil)))
        #expect(String(decoding: cleared, as: UTF8.self) == #"{"description":null}"#)
    }

    /// A body typed from its value (`JSONValueDecoder`, the server's path) is what decoding its text gives, refusals alike.
    @Test func a_body_typed_from_its_value_is_the_body_decoded_from_its_text() throws {
        func outcome<Body: RequestBody & Equatable>(_ type: Body.Type, _ read: () throws -> Body) -> Result<Body, RequestBodyError>? {
            do { return .success(try read()) } catch let error as RequestBodyError { return .failure(error) } catch { return nil }
        }
        func same<Body: RequestBody & Equatable>(_ type: Body.Type, _ json: String) throws -> Bool {
            let value = try PlotonJSON.decoder().decode(JSONValue.self, from: Data(json.utf8))
            let typed = outcome(type) { try Body(from: JSONValueDecoder(value)) }
            return typed != nil && typed == outcome(type) { try decode(type, json) }
        }
        let tasks = [
            #"{"prompt":"Weather in Paris","user_id":"u1","metadata":{"order":7,"tags":["a",null]},"webhook_url":"https://x.example"}"#,
            #"{"prompt":"p","mode":"test","tool":"weather","sub_agent":"desk"}"#, #"{"prompt":null}"#, #"{"prompt":5}"#, "[]", "3",
            #"{"prompt":"p","extra":1}"#, #"{"prompt":"p","mode":"prod"}"#, #"{"prompt":"p","metadata":[1]}"#,
        ]
        for json in tasks { #expect(try same(CreateTaskRequest.self, json), "\(json)") }
        #expect(try same(TaskInputRequest.self, #"{"input":{"city":"Paris"},"approve":true}"#))
        #expect(try same(ExpiresInRequest.self, #"{"expires_in":1.5}"#))
        #expect(try same(EmptyRequest.self, #"{"x":1}"#))
        #expect(try same(UpdateWebhookEndpointRequest.self, #"{"description":null,"events":["*"]}"#))
    }
}
