import Foundation

/// Sends one OpenAI-compatible `POST {base}/chat/completions` request and returns the decoded
/// response body. The server supplies the HTTP implementation; tests may supply their own.
public protocol ChatCompletionsClient: Sendable {
    func complete(_ request: JSONValue) async throws -> JSONValue
}

/// The model endpoint failed (network, non-2xx, or a body that is not a chat completion).
public struct ChatCompletionsError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
