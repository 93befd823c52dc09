import Foundation
import PlotonAPI
import Testing

@testable import PlotonCore

/// Session 21's planner classes from blind round h38 (the helper's share): what a case cannot state.
@Suite struct PlannerSession21HelperClassesTests {
    /// Monday 2026-12-07, 10:30 UTC.
    static let now = Date(timeIntervalSince1970: 1_796_639_400)

    /// h38-54: a deal search kept to open deals needs `hs_is_closed`, which HubSpot's search returns only when asked.
    @Test func a_deal_search_asks_for_whether_each_deal_is_closed() throws {
        let search = try #require(ToolCatalog.builtIn.tool("crm")?.capability("search_deals"))
        let asked = search.parameters["properties"]?.default?.arrayValue?.compactMap(\.stringValue) ?? []
        #expect(asked.contains("hs_is_closed"))
        #expect(asked.contains("dealstage"))
    }
}
