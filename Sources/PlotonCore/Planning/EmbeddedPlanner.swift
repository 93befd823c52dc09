import Foundation

/// The default planner: no network, no model. It reads intent from words, picks tools by name,
/// category and capability descriptions, pulls parameters out of the prompt, and asks for what is
/// missing. It grows tool by tool (the weather slice first).
public struct EmbeddedPlanner: Planner {
    public let name = "embedded"

    public init() {}

    static let weatherWords: Set<String> = [
        "weather", "temperature", "forecast", "humidity", "humid", "raining", "rain", "sunny", "cloudy", "windy", "conditions",
    ]

    public func plan(_ request: PlanningRequest) async throws -> PlanningResult {
        if let pinned = request.pinnedTool, pinned != Weather.name, let tool = request.catalog.tool(pinned) {
            return try CapabilityMatcher.plan(request, tool: tool)
        }
        let words = PromptText.words(request.prompt)
        let wantsWeather = request.pinnedTool == Weather.name || !Self.weatherWords.isDisjoint(with: words)
        if !wantsWeather, let business = BusinessIntents.plan(request) { return business }
        guard wantsWeather, request.catalog.tool(Weather.name) != nil else {
            let names = request.catalog.tools.map(\.name).joined(separator: ", ")
            throw PlanningFailure(
                message: "Could not map the prompt onto a tool: no known service or action was recognised.",
                suggestion: "Name the service and the action (for example \"look up the current weather in Paris\"), "
                    + "or pin a tool with `tool` (available: \(names)).")
        }
        let location = request.input["location"]?.stringValue ?? PromptText.location(in: request.prompt)
        guard let location, !location.isEmpty else {
            return .needsInput(
                schema: .object([
                    "type": .string("object"),
                    "properties": .object(["location": .object(["type": .string("string"), "description": .string("City or place name")])]),
                    "required": .array([.string("location")]),
                ]),
                message: "Which place should the weather be for?")
        }
        return .workflow(
            Workflow(
                steps: [
                    PlannedStep(
                        tool: Weather.name, capability: Weather.geocode, input: ["name": .literal(.string(location))],
                        reason: "The prompt asks about the weather in \(location); find its coordinates first."),
                    PlannedStep(
                        tool: Weather.name, capability: Weather.current,
                        input: ["latitude": .reference(step: 0, path: "latitude"), "longitude": .reference(step: 0, path: "longitude")],
                        reason: "Read the current conditions at those coordinates."),
                ],
                resultFields: PromptText.requestedFields(in: request.prompt)))
    }
}
