import PlotonAPI
import Testing

/// The paths step references and result fields read values by.
@Suite struct JSONValuePathTests {
    let message = JSONValue.parse(
        #"{"id": "m1", "payload": {"headers": [{"name": "From", "value": "ann@acme.example"}, {"name": "Subject", "value": "Hi"}]}}"#)!

    @Test func keys_and_indexes() {
        let list = JSONValue.array([message, .object(["id": .string("m2")])])
        #expect(list.value(at: "1.id") == .string("m2"))
        #expect(list.value(at: "2.id") == nil)
        #expect(message.value(at: "payload.headers.0.name") == .string("From"))
    }

    @Test func a_star_maps_the_rest_of_the_path_over_a_list() {
        let list = JSONValue.array([message, .object(["id": .string("m2")]), .object(["other": .null])])
        #expect(list.value(at: "*.id") == .array([.string("m1"), .string("m2")]), "an item without the value is left out")
        #expect(JSONValue.array([]).value(at: "*.id") == .array([]))
        #expect(message.value(at: "*.id") == nil, "an object is no list")
    }

    @Test func a_list_item_is_picked_by_a_field_ignoring_case() {
        #expect(message.value(at: "payload.headers[name=Subject].value") == .string("Hi"))
        #expect(message.value(at: "payload.headers[name=from].value") == .string("ann@acme.example"))
        #expect(message.value(at: "payload.headers[name=To].value") == nil)
        #expect(message.value(at: "payload[name=To]") == nil, "an object is no list")
        #expect(message.value(at: "payload.headers[broken]") == nil)
    }
}
