import PlotonCore

/// A built-in tool's live side: its bundled definition run by the generic HTTP executor.
/// (OAuth tools need end-user connections; until they exist they report `oauth_unavailable`.)
struct DefinitionExecutor: ToolExecutor {
    let definition: ToolDefinition
    let http: OutboundHTTP

    func execute(_ request: StepRequest) async throws -> StepOutcome {
        try await HTTPToolExecutor(http: http).execute(definition, credentials: nil, request: request)
    }
}
