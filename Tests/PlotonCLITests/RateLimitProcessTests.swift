import Foundation
import PlotonTestSupport
import Testing

/// One key hammered across four API processes on one PostgreSQL gets one limit, not four.
@Suite(.serialized) struct RateLimitProcessTests {
    @Test(.enabled(if: TestDatabase.isPostgres))
    func a_key_spread_over_four_api_processes_gets_its_limit_within_ten_percent() async throws {
        let env = try await ProcessEnvironment.make()
        let variables = env.variables([
            "PLOTON_ENCRYPTION_KEYS": TestKeys.encryptionKeys, "PLOTON_ROLE": "api", "PLOTON_RATE_LIMIT_TEST": "10",
            "LOG_LEVEL": "warning",
        ])
        // The first process migrates and creates the account; the others find both done.
        let first = try await PlotonProcess.serve(environment: variables, workingDirectory: env.directory)
        let key = try #require(ServeTests.value(after: "Test API key:", in: first.stdout))
        var started4 = [first]
        for _ in 1..<4 { started4.append(try await PlotonProcess.serve(environment: variables, workingDirectory: env.directory)) }
        let servers = started4

        let started = ContinuousClock.now
        let statuses = try await withThrowingTaskGroup(of: [UInt].self) { group in
            for client in 0..<16 {
                group.addTask {
                    var seen: [UInt] = []
                    var request = client
                    while ContinuousClock.now - started < .seconds(4) {
                        seen.append(try await servers[request % servers.count].request(.GET, "/v1/tasks?limit=1", key: key).status.code)
                        request += 1
                    }
                    return seen
                }
            }
            return try await group.reduce(into: [UInt]()) { $0 += $1 }
        }
        let duration = ContinuousClock.now - started
        let elapsed = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        let allowed = statuses.filter { $0 == 200 }.count
        let expected = 10 + 10 * elapsed  // the burst, then the rate
        #expect(Set(statuses).isSubset(of: [200, 429]), "\(Set(statuses))")
        #expect(statuses.count > Int(expected * 2), "the key was driven past its limit: \(statuses.count) requests")
        #expect(Double(allowed) <= expected * 1.1, "allowed \(allowed), expected about \(expected)")
        #expect(Double(allowed) >= expected * 0.9, "allowed \(allowed), expected about \(expected)")
        for server in servers { await server.expectCleanStop() }
        await env.drop()
    }
}
