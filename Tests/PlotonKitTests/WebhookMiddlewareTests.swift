import Foundation
import PlotonCore
import PlotonKit
import PlotonKitVapor
import Testing
import VaporTesting

/// The Vapor middleware lets verified deliveries through with their event, and nothing else.
@Suite struct WebhookMiddlewareTests {
    @Test func only_signed_fresh_deliveries_reach_the_route() async throws {
        let secret = WebhookSecret.generate()
        let verifier = try WebhookVerifier(secret: secret.value)
        try await withApp { app in
            app.grouped(PlotonWebhookMiddleware(verifier: verifier)).post("hook") { req async throws -> String in
                req.plotonWebhookEvent?.id ?? "none"
            }
            let body =
                #"{"data":{"temperature":9},"event":"task.complete","id":"evt_1","metadata":{},"task_id":"task_1","timestamp":"2026-11-29T12:00:00Z"}"#
            let signing = secret
            func headers(_ body: String, at time: Date = Date(), with key: WebhookSecret? = nil) -> HTTPHeaders {
                HTTPHeaders(
                    WebhookSignature.headers(
                        id: "evt_1", timestamp: Int(time.timeIntervalSince1970), body: Data(body.utf8), secrets: [key ?? signing]
                    ).map { ($0.name, $0.value) })
            }
            try await app.testing().test(.POST, "hook", headers: headers(body), body: ByteBuffer(string: body)) { response in
                #expect(response.status == .ok && response.body.string == "evt_1")
            }
            let tampered = body.replacingOccurrences(of: "9", with: "99")
            try await app.testing().test(.POST, "hook", headers: headers(body), body: ByteBuffer(string: tampered)) { response in
                #expect(response.status == .badRequest)
            }
            try await app.testing().test(.POST, "hook", headers: headers(body, at: Date() - 3600), body: ByteBuffer(string: body)) {
                #expect($0.status == .badRequest, "a replayed (stale) delivery")
            }
            try await app.testing().test(
                .POST, "hook", headers: headers(body, with: WebhookSecret.generate()), body: ByteBuffer(string: body)
            ) { #expect($0.status == .badRequest) }
        }
    }
}
