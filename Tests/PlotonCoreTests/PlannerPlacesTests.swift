import Foundation
import PlotonCore
import Testing

/// Only named places are looked up: an output label or a word pointing back at a place is not one.
@Suite struct PlannerPlacesTests {
    func steps(_ prompt: String) async throws -> [String] {
        // A geocode step carries the place it looks up: "weather.geocode Osaka".
        try await EmbeddedPlanning.workflow(prompt).steps.map { step in
            guard step.capability == "geocode", case .literal(.string(let place))? = step.input["name"] else {
                return "\(step.tool).\(step.capability)"
            }
            return "\(step.tool).\(step.capability) \(place)"
        }
    }

    @Test func a_return_label_lists_fields_and_is_not_a_second_place() async throws {
        let geocodeOsaka = "weather.geocode Osaka"
        let oneLine = try await steps("Task: check current conditions for Osaka, Japan. Return: temperature, humidity, sky.")
        #expect(oneLine == [geocodeOsaka, "weather.current"])
        let ownLine = try await steps("Task: get the current temperature in Osaka.\nReturn: temperature, conditions")
        #expect(ownLine == [geocodeOsaka, "weather.current"])
    }

    @Test func the_weather_there_refers_to_the_place_already_named() async throws {
        let posted = try await steps("Is it windy in Reykjavik? Post the weather there to #ops-iceland")
        #expect(posted.filter { $0.hasPrefix("weather.geocode") }.count == 1)
        #expect(posted.last == "chat.post_message")
        let mailed = try await steps("How hot is it in Cairo right now? Send the weather there to ann@example.com")
        #expect(mailed.filter { $0.hasPrefix("weather.geocode") }.count == 1)
        #expect(mailed.last == "email.send_message")
    }

    @Test func places_joined_by_a_sign_or_a_comparison_are_each_looked_up() async throws {
        let looked = { (steps: [String]) in steps.filter { $0.hasPrefix("weather.geocode") } }
        let plus = try await steps("weather in Nairobi + Kampala, email the summary to ops@safariway.example")
        #expect(looked(plus) == ["weather.geocode Nairobi", "weather.geocode Kampala"])
        #expect(plus.last == "email.send_message")
        #expect(looked(try await steps("weather in Oslo & Bergen")) == ["weather.geocode Oslo", "weather.geocode Bergen"])
        #expect(looked(try await steps("weather in Nairobi/Kampala")) == ["weather.geocode Nairobi", "weather.geocode Kampala"])
        #expect(looked(try await steps("Tokyo vs Seoul weather right now")) == ["weather.geocode Tokyo", "weather.geocode Seoul"])
        #expect(looked(try await steps("Tokyo and Seoul weather right now")) == ["weather.geocode Tokyo", "weather.geocode Seoul"])
    }

    @Test func places_written_in_lower_case_are_each_looked_up_but_weather_words_are_not_places() async throws {
        let looked = { (steps: [String]) in steps.filter { $0.hasPrefix("weather.geocode") } }
        for prompt in ["weather lisbon + porto, humidity", "weather lisbon and porto, humidity", "humidity in lisbon and porto"] {
            #expect(looked(try await steps(prompt)) == ["weather.geocode lisbon", "weather.geocode porto"], "\(prompt)")
        }
        #expect(looked(try await steps("temperature in oslo and wind")) == ["weather.geocode oslo"])
        #expect(looked(try await steps("humidity + wind in oslo")) == ["weather.geocode oslo"])
        let walk = try await EmbeddedPlanning.workflow("get the weather in Berlin, then schedule 'Walk & talk' tomorrow at 4pm")
        #expect(walk.steps.last?.input["summary"] == .literal(.string("Walk & talk")), "a quoted title is kept as written")
    }
}
