/// Why a new task's fields were refused (`TaskFields`; reported by HTTP/DomainFailures.swift).
enum TaskFieldError: Error, Equatable {
    case promptTooLong(characters: Int)
    /// A text field that must not be blank: `prompt`, `user_id`.
    case blank(String)
    case tooManyMetadataKeys(Int)
    case metadataKeyLength
    case metadataValueTooLong(key: String)
    case unknownTool(String, available: [String])
    case outsideSubagent(tool: String, subagent: String, available: [String])
    case unknownSubagent(String)
    case webhookURL
}
