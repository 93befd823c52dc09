import Foundation
import Synchronization
import Vapor

/// A local OpenAI-compatible `POST /chat/completions` endpoint that answers with scripted model
/// turns, in order; the last turn repeats when the script runs out (a model that never stops).
public final class FakeChatModel: Sendable {
    public enum Turn: Sendable {
        /// Function calls: (name, raw arguments text).
        case call([(name: String, arguments: String)])
        /// A final answer.
        case answer(String)
        /// An HTTP failure.
        case status(Int)
    }

    /// The turns still to play; the last one stays.
    final class Script: Sendable {
        let turns: Mutex<[Turn]>
        init(_ turns: [Turn]) { self.turns = Mutex(turns) }
        func next() -> Turn { turns.withLock { turns in turns.count > 1 ? turns.removeFirst() : turns[0] } }
    }

    public let service: FakeService

    public var baseURL: String { service.baseURL + "/v1" }
    /// The request bodies the planner sent, decoded.
    public var requests: [[String: Any]] {
        service.received.compactMap { try? JSONSerialization.jsonObject(with: Data($0.body.utf8)) as? [String: Any] }
    }

    public static func start(_ turns: [Turn]) async throws -> FakeChatModel {
        let script = Script(turns)
        let service = try await FakeService.start { app in
            app.post("v1", "chat", "completions") { _ async throws -> Response in try FakeChatModel.response(script.next()) }
        }
        return FakeChatModel(service: service)
    }

    private init(service: FakeService) { self.service = service }

    public func stop() async throws { try await service.stop() }

    static func response(_ turn: Turn) throws -> Response {
        let message: [String: Any]
        switch turn {
        case .status(let code):
            return try .json(["error": ["message": "scripted failure"]], status: HTTPStatus(statusCode: code))
        case .answer(let text):
            message = ["role": "assistant", "content": text]
        case .call(let calls):
            message = [
                "role": "assistant", "content": NSNull(),
                "tool_calls": calls.enumerated().map { index, call in
                    [
                        "id": "call_\(UUID().uuidString.prefix(8))_\(index)", "type": "function",
                        "function": ["name": call.name, "arguments": call.arguments],
                    ]
                },
            ]
        }
        return try .json([
            "id": "chatcmpl-test", "object": "chat.completion", "model": "scripted",
            "choices": [["index": 0, "message": message, "finish_reason": message["tool_calls"] == nil ? "stop" : "tool_calls"]],
        ])
    }
}
