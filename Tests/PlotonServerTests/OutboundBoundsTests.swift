import AsyncHTTPClient
import PlotonCore
import PlotonTestSupport
import Testing
import Vapor

@testable import PlotonServer

/// A peer that sends its head at once and then one byte at a time, each well within the read
/// timeout, never finishing: the outbound client's deadline must cover the body too. Without it
/// the call never ends, which the time limit tells apart; how soon after the 1 s deadline it ends
/// is the machine's load (24 s once in the parallel PostgreSQL suite), not asserted.
@Suite(.serialized) struct OutboundBoundsTests {
    @Test(.timeLimit(.minutes(1))) func a_body_that_never_finishes_fails_at_the_deadline() async throws {
        let peer = try await Self.drippingPeer()
        let http = OutboundHTTP(client: .shared, allowPrivateNetwork: true, timeout: .seconds(1))
        await #expect {
            _ = try await http.get(peer.baseURL + "/drip")
        } throws: { error in
            let failure = error as? ToolFailure
            return failure?.code == "service_unreachable" && failure?.message.contains("no complete answer within 1000 ms") == true
        }
        try await peer.stop()
    }

    @Test(.timeLimit(.minutes(1))) func a_model_endpoint_that_never_finishes_its_answer_fails_the_call() async throws {
        let peer = try await Self.drippingPeer()
        let model = ChatCompletionsHTTP(
            client: .shared, settings: LLMSettings(baseURL: peer.baseURL, timeout: 1, retryDelay: 0.01), attempts: 1)
        await #expect(throws: ChatCompletionsError.self) { _ = try await model.complete(.object([:])) }
        try await peer.stop()
    }

    /// Answers every route with `200` and a JSON body that grows by a space every 50 ms, forever.
    static func drippingPeer() async throws -> FakeService {
        try await FakeService.start { app in
            let drip: @Sendable (Request) -> Response = { _ in
                Response(
                    status: .ok, headers: ["Content-Type": "application/json"],
                    body: .init(asyncStream: { writer in
                        do {
                            while true {
                                try await writer.write(.buffer(ByteBuffer(string: " ")))
                                try await Task.sleep(for: .milliseconds(50))
                            }
                        } catch {
                            try? await writer.write(.error(error))  // the client went away
                        }
                    }))
            }
            app.on(.GET, "drip", use: drip)
            app.on(.POST, "chat", "completions", use: drip)
        }
    }
}
