import PlotonCore
import Testing

@Suite struct SubagentScopeTests {
    let catalog = ToolCatalog.builtIn

    @Test(arguments: [
        ("Handles billing questions: invoices, subscriptions and refunds in Stripe", ["payments"]),
        ("Keeps our HubSpot deals current and emails the leads", ["crm", "email"]),
        ("Posts updates to Slack channels", ["chat"]),
        ("Books meetings and keeps the calendar tidy", ["calendar"]),
        ("A research helper that reads documents from Google Drive", ["storage"]),
        ("Answers customer questions by email", ["email"]),
        ("Weather forecasts for our field teams", ["weather"]),
    ])
    func the_domain_prompt_decides_the_tools(prompt: String, tools: [String]) {
        #expect(SubagentScope.tools(for: prompt, catalog: catalog).sorted() == tools.sorted())
    }

    @Test func a_prompt_naming_no_service_has_no_tools() {
        #expect(SubagentScope.tools(for: "Be helpful and concise.", catalog: catalog).isEmpty)
    }

    @Test func every_prebuilt_subagent_has_the_tools_its_prompt_names() {
        let tools = Dictionary(
            uniqueKeysWithValues: PrebuiltSubagent.all.map { ($0.name, SubagentScope.tools(for: $0.prompt, catalog: catalog)) })
        #expect(tools["sales"]?.sorted() == ["calendar", "crm", "email"])
        #expect(tools["support"]?.sorted() == ["chat", "crm", "email"])
        #expect(tools["billing"] == ["payments"])
        #expect(tools["scheduling"]?.sorted() == ["calendar", "email"])
        #expect(tools["files"] == ["storage"])
        #expect(tools["weather"] == ["weather"])
    }

    @Test func a_restricted_catalog_holds_only_the_boundary() {
        #expect(catalog.restricted(to: ["email", "nope"]).tools.map(\.name) == ["email"])
    }
}
