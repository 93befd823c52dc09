import Fluent
import Foundation
import PlotonCore
import PlotonTestSupport
import Testing
import VaporTesting

@testable import PlotonServer

/// A revocation that lands while the provider is answering a refresh wins: the new tokens are not
/// stored and no step gets them.
@Suite(.serialized) struct TokenRefreshRevocationTests {
    @Test func a_refresh_answered_after_a_revocation_stores_nothing_and_the_step_never_gets_the_token() async throws {
        let live = OAuthLiveTests()
        try await live.withProvider { t, provider in
            let answer = Gate()
            provider.configure {
                $0.initialLifetime = 30  // inside the refresh margin: the task's step refreshes first
                $0.holdRefreshAnswers = answer
            }
            try await live.connect(t)
            let connectionID = try #require(try await Connection.query(on: t.db).first()?.id)
            let id = try await t.createTask(OAuthLiveTests.listDeals, key: t.liveKey)
            let worker = Task { try await t.drain() }

            await answer.waitUntilEntered()  // the provider has issued new tokens; its answer is on its way
            let deleted = try await t.send(.DELETE, "v1/connections/\(connectionID)", key: t.liveKey)
            #expect(deleted.status == .ok, "\(deleted.body.string)")
            await answer.release()
            _ = try await worker.value

            let row = try #require(try await Connection.find(connectionID, on: t.db))
            #expect(row.status == .revoked && row.sealedAccessToken == nil && row.sealedRefreshToken == nil)
            #expect(provider.refreshRequests == 1)
            #expect(provider.apiCalls == 0, "the tool was never called, with the fresh token or any other")
            let task = try await t.task(id, key: t.liveKey)
            #expect(task["status"] as? String == "waiting", "\(task)")
            #expect((task["waiting"] as? [String: Any])?["reason"] as? String == "oauth_consent_required")
        }
    }
}
