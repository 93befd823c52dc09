import Foundation
import PlotonAPI
import PlotonCore
import Testing

@Suite struct WireFormatTests {
    func json(_ value: some Encodable) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: PlotonJSON.encoder().encode(value)) as? [String: Any])
    }

    @Test func the_error_envelope_has_the_documented_fields() throws {
        let envelope = APIErrorEnvelope(APIFailure.missing("name"), requestID: "req_1")
        let error = try #require(try json(envelope)["error"] as? [String: Any])
        #expect(error["code"] as? String == "invalid_request")
        #expect(error["param"] as? String == "name")
        #expect(error["request_id"] as? String == "req_1")
        #expect((error["message"] as? String)?.isEmpty == false)
        let noParam = try #require(try json(APIErrorEnvelope(APIFailure(.notFound, "x"), requestID: "r"))["error"] as? [String: Any])
        #expect(noParam["param"] == nil)
    }

    @Test func error_codes_map_to_the_documented_statuses() {
        let expected: [ErrorCode: Int] = [
            .invalidRequest: 400, .missingAPIKey: 401, .invalidAPIKey: 401, .forbidden: 403, .httpsRequired: 403,
            .notFound: 404, .taskAlreadyFinished: 409, .idempotencyConflict: 409, .payloadTooLarge: 413,
            .promptTooLong: 422, .validationError: 422, .idempotencyKeyReused: 422, .rateLimitExceeded: 429,
            .internalError: 500, .requestTimeout: 408, .uriTooLong: 414, .headerFieldsTooLarge: 431,
        ]
        for (code, status) in expected { #expect(code.httpStatus == status, "\(code)") }
    }

    @Test func api_keys_write_nulls_and_utc_seconds_and_the_secret_only_when_present() throws {
        let key = APIKeyObject(
            id: "key_1", name: "n", environment: .test, prefix: "pk_test_abcd", last4: "wxyz", status: .active,
            createdAt: Date(timeIntervalSince1970: 1_750_000_000.75), lastUsedAt: nil, expiresAt: nil)
        let object = try json(key)
        #expect(object["object"] as? String == "api_key")
        #expect(object["created_at"] as? String == "2025-06-15T15:06:40Z")
        #expect(object["last_used_at"] is NSNull)
        #expect(object["expires_at"] is NSNull)
        #expect(object.keys.contains("secret") == false)
        var withSecret = key
        withSecret.secret = "pk_test_x"
        #expect(try json(withSecret)["secret"] as? String == "pk_test_x")
        let decoded = try PlotonJSON.decoder().decode(APIKeyObject.self, from: PlotonJSON.encoder().encode(key))
        #expect(decoded.id == key.id && decoded.lastUsedAt == nil)
    }

    @Test func lists_have_object_data_and_has_more() throws {
        let object = try json(ListObject(data: ["a"], hasMore: true))
        #expect(Set(object.keys) == ["object", "data", "has_more"])
        #expect(object["object"] as? String == "list")
    }

    @Test func json_values_round_trip() throws {
        let value = JSONValue.object(["a": .array([.number(1), .bool(true), .null, .string("s")])])
        #expect(try PlotonJSON.decoder().decode(JSONValue.self, from: PlotonJSON.encoder().encode(value)) == value)
    }
}
