/// Why a subagent could not be found, deployed or changed (reported by HTTP/DomainFailures.swift).
enum SubagentError: Error, Equatable {
    case notFound(String)
    /// Prebuilt subagents cannot be changed or deleted.
    case prebuilt(String)
    case invalidName
    case prebuiltName(String)
    case nameTaken(name: String, id: String)
    /// The prompt names no service a tool here covers; `available` are the tools there are.
    case noTools(available: [String])
}
