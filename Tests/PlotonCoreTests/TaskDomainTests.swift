import Foundation
import PlotonCore
import Testing

@Suite struct TaskDomainTests {
    @Test func the_lifecycle_allows_exactly_the_documented_moves() {
        let allowed: Set<String> = [
            "pending>running", "pending>cancelled", "pending>failed", "running>complete", "running>failed", "running>waiting",
            "running>cancelled", "running>running", "waiting>running", "waiting>cancelled", "waiting>failed",
        ]
        for from in TaskStatus.allCases {
            for to in TaskStatus.allCases {
                #expect(from.canMove(to: to) == allowed.contains("\(from.rawValue)>\(to.rawValue)"), "\(from) → \(to)")
            }
        }
        #expect(TaskStatus.allCases.filter(\.isFinal) == [.complete, .failed, .cancelled])
    }

    @Test func sortable_ids_sort_in_creation_order() {
        let ids = (0..<200).map { _ in ObjectID.generateSortable("evt") }
        #expect(ids == ids.sorted())
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { $0.count == "evt_".count + 24 })
    }

    @Test func step_inputs_round_trip_literals_and_references() throws {
        let input: [String: JSONInput] = ["a": .literal(.string("x")), "b": .reference(step: 1, path: "results.0.id")]
        let decoded = try JSONDecoder().decode([String: JSONInput].self, from: JSONEncoder().encode(input))
        #expect(decoded == input)
    }

    @Test func redaction_hides_secret_looking_keys_at_any_depth() {
        let value = JSONValue.object([
            "user": .string("ann"), "nested": .object(["api_key": .string("k"), "list": .array([.object(["Password": .string("p")])])]),
        ])
        let text = Redaction.redact(value).jsonText
        #expect(!text.contains("\"k\"") && !text.contains("\"p\""))
        #expect(text.contains("ann"))
    }

    @Test func secret_keys_match_their_fragments_in_any_case_and_after_lowercasing() {
        for key in ["password", "X-Auth-TOKEN", "clientSecret", "API_KEY", "my_apikey_2", "Authorization", "private_key", "credentials"] {
            #expect(Redaction.isSecretKey(key), "\(key)")
        }
        for key in ["", "name", "latitude", "tok", "api-key", "privatekey", "Tokyo", "passw0rd"] {
            #expect(!Redaction.isSecretKey(key), "\(key)")
        }
        // Not ASCII: lowercased first, as before. The Kelvin sign lowercases to an ASCII `k`.
        #expect(Redaction.isSecretKey("TO\u{212A}EN"))
        #expect(Redaction.isSecretKey("Passwort-Geheimnis-PASSWORD-ä"))
        #expect(!Redaction.isSecretKey("Straße"))
    }

    @Test func json_paths_reach_into_objects_and_arrays() {
        let value = JSONValue.object(["results": .array([.object(["latitude": .number(1.5)])])])
        #expect(value.value(at: "results.0.latitude") == .number(1.5))
        #expect(value.value(at: "results.1.latitude") == nil)
        #expect(value.value(at: "missing") == nil)
    }
}
