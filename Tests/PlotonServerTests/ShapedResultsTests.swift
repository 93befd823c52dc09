import Foundation
import PlotonAPI
import PlotonCore
import Testing

@testable import PlotonServer

/// A run at a create that repeats an earlier one's plan and step outputs is given the result and
/// stored plan that shaping them again would give; any other difference is shaped afresh.
@Suite struct ShapedResultsTests {
    private let workflow: Workflow = {
        let step = PlannedStep(
            tool: Weather.name, capability: Weather.current,
            input: ["latitude": .literal(.number(37.77)), "longitude": .literal(.number(-122.42))])
        return Workflow(steps: [step], resultFields: ["temperature", "humidity", "visibility"])
    }()

    private func output(temperature: Double) -> JSONValue {
        Weather.currentOutput(
            latitude: 37.77, longitude: -122.42, temperature: temperature, humidity: 61, weatherCode: 2, windSpeed: 12.5,
            observedAt: "2026-12-05T12:00:00Z")
    }

    private func expected(_ workflow: Workflow, _ outputs: [Int: JSONValue], _ catalog: ToolCatalog) throws -> (JSONValue, JSONText) {
        let (result, unmatched) = WorkflowResult.shape(workflow, outputs: outputs, catalog: catalog)
        var stored = workflow
        if !unmatched.isEmpty { stored.unmatchedFields = unmatched }
        return (result, try JSONText.encode(stored))
    }

    private func decoded(_ text: JSONText) throws -> Workflow { try JSONDecoder().decode(Workflow.self, from: Data(text.text.utf8)) }

    @Test func a_repeated_run_gets_what_shaping_it_again_would_give() throws {
        let results = ShapedResults()
        let outputs = [0: output(temperature: 14.2)]
        let (result, text) = try expected(workflow, outputs, .builtIn)
        let first = try results.shape(workflow, outputs: outputs, catalog: .builtIn)
        let second = try results.shape(workflow, outputs: outputs, catalog: .builtIn)
        for shaped in [first, second] {
            #expect(shaped.result == result)
            #expect(shaped.workflow.unmatchedFields == ["visibility"])
            #expect(try decoded(shaped.workflowText) == decoded(text))
        }
    }

    @Test func other_outputs_another_plan_or_other_declared_fields_are_shaped_afresh() throws {
        let results = ShapedResults()
        _ = try results.shape(workflow, outputs: [0: output(temperature: 14.2)], catalog: .builtIn)

        let warmer = [0: output(temperature: 21.0)]
        #expect(try results.shape(workflow, outputs: warmer, catalog: .builtIn).result == expected(workflow, warmer, .builtIn).0)

        var fewer = workflow
        fewer.resultFields = ["temperature"]
        let shaped = try results.shape(fewer, outputs: warmer, catalog: .builtIn)
        #expect(shaped.result == (try expected(fewer, warmer, .builtIn).0))
        #expect(shaped.workflow.unmatchedFields == nil)

        let undeclared = ToolCatalog(tools: [])
        #expect(try results.shape(workflow, outputs: warmer, catalog: undeclared).result == expected(workflow, warmer, undeclared).0)
    }

    @Test func no_more_entries_are_kept_than_its_capacity() throws {
        let results = ShapedResults()
        for index in 0..<(ShapedResults.capacity * 2) {
            let outputs = [0: output(temperature: Double(index))]
            #expect(try results.shape(workflow, outputs: outputs, catalog: .builtIn).result == expected(workflow, outputs, .builtIn).0)
        }
        #expect(results.count == ShapedResults.capacity)
    }

    @Test func readings_side_by_side_say_which_place_each_is_of() {
        let geocode = { (place: String) in
            PlannedStep(tool: Weather.name, capability: Weather.geocode, input: ["name": .literal(.string(place))])
        }
        let current = { (step: Int) in
            PlannedStep(
                tool: Weather.name, capability: Weather.current,
                input: ["latitude": .reference(step: step, path: "latitude"), "longitude": .reference(step: step, path: "longitude")])
        }
        let twoPlaces = Workflow(steps: [geocode("Kraków"), current(0), geocode("Porto"), current(2)])
        let outputs: [Int: JSONValue] = [
            0: .object(["name": .string("Kraków"), "latitude": .number(50.06), "longitude": .number(19.94)]), 1: output(temperature: 3),
            2: .object(["name": .string("Porto"), "latitude": .number(41.15), "longitude": .number(-8.61)]), 3: output(temperature: 14),
        ]
        guard case .array(let readings) = WorkflowResult.shape(twoPlaces, outputs: outputs, catalog: .builtIn).result,
            readings.count == 2, case .object(let first) = readings[0], case .object(let second) = readings[1]
        else {
            Issue.record("expected two readings")
            return
        }
        #expect(first["location"] == .string("Kraków") && first["temperature"] == .number(3))
        #expect(second["location"] == .string("Porto") && second["temperature"] == .number(14))
        // One reading is the answer as it stands.
        let one = WorkflowResult.shape(
            Workflow(steps: [geocode("Porto"), current(0)]), outputs: [0: outputs[2]!, 1: output(temperature: 14)], catalog: .builtIn)
        guard case .object(let alone) = one.result else {
            Issue.record("expected one reading")
            return
        }
        #expect(alone["location"] == nil)
    }
}
