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

    /// `planning_failed`: what was understood, what was not, and how to phrase it or which tool to pin.
    static func failure(_ request: PlanningRequest, problem: String) -> PlanningFailure {
        let understood = PromptText.understanding(of: request.prompt, now: request.now)
        let names = request.catalog.tools.map(\.name).joined(separator: ", ")
        return PlanningFailure(
            message: "Could not turn the prompt into a workflow: \(problem). "
                + (understood.isEmpty ? "Nothing in it was recognised." : "Understood: \(understood.joined(separator: "; "))."),
            suggestion: "Name the service and the action, for example \"pull all open deals from user_123's CRM account\" or "
                + "\"post 'Deploy done' to #engineering in the team chat\", or pin a tool with `tool` (available: \(names)).")
    }

    public func plan(_ request: PlanningRequest) async throws -> PlanningResult {
        if let pinned = request.pinnedTool, pinned != Weather.name, let tool = request.catalog.tool(pinned) {
            return try CapabilityMatcher.plan(request, tool: tool)
        }
        let words = PromptText.words(request.prompt)
        let wantsWeather = request.pinnedTool == Weather.name || !Self.weatherWords.isDisjoint(with: words)
        if !wantsWeather, let business = BusinessIntents.plan(request) { return business }
        guard wantsWeather, request.catalog.tool(Weather.name) != nil else {
            // A service the prompt names, with the capability its words match best.
            if let tool = ServiceMatcher.tools(in: words, catalog: request.catalog).first {
                return try CapabilityMatcher.plan(request, tool: tool)
            }
            throw Self.failure(request, problem: "no service or action in it matches a tool")
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
