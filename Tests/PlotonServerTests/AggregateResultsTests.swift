import Foundation
import Testing
import VaporTesting

@testable import PlotonServer

/// A question whose answer is a figure of the records ("how many", "the total", "the largest") is answered with
/// that figure, computed from the same records the list returns, on the sandboxes end to end.
@Suite struct AggregateResultsTests {
    func openDeals(_ t: TestApp) async throws -> [[String: Any]] {
        let listed = try await t.runPrompt("List the open deals with name and amount")
        #expect(listed["status"] as? String == "complete", "\(listed)")
        return try #require(listed["result"] as? [[String: Any]])
    }

    @Test func how_many_is_the_number_of_records() async throws {
        try await withPloton { t async throws in
            let deals = try await openDeals(t)
            let counted = try await t.runPrompt("How many open deals do we have?")
            #expect(counted["status"] as? String == "complete", "\(counted)")
            #expect((counted["result"] as? [String: Any])?["count"] as? Int == deals.count, "\(counted)")
            // The preview shows the figure the task would compute.
            let preview = try await t.send(
                .POST, "v1/tasks", key: t.testKey, json: #"{"prompt":"How many open deals do we have?","mode":"test"}"#
            ).object
            #expect((preview["aggregate"] as? [String: Any])?["op"] as? String == "count", "\(preview)")
        }
    }

    @Test func a_total_and_the_largest_are_computed_from_the_records() async throws {
        try await withPloton { t async throws in
            let deals = try await openDeals(t)
            let amounts = deals.compactMap { ($0["amount"] as? String).flatMap(Double.init) }
            let total = try await t.runPrompt("What is the total amount of our open deals?")
            let figure = try #require(total["result"] as? [String: Any])
            #expect((figure["total_amount"] as? NSNumber)?.doubleValue == amounts.reduce(0, +), "\(figure)")
            #expect(figure["count"] as? Int == deals.count)

            let largest = try await t.runPrompt("Which open deal is the largest? Give its name and amount")
            let picked = try #require(largest["result"] as? [String: Any], "\(largest)")
            #expect((picked["amount"] as? String).flatMap(Double.init) == amounts.max(), "\(picked)")
            #expect(picked["name"] as? String != nil)
        }
    }
}
