import Testing

@testable import PlotonCore

@Suite struct NamePatternTests {
    @Test func tool_and_capability_names_match_the_whole_string() {
        let name = ToolDefinitionValidator.namePattern
        let capability = ToolDefinitionValidator.capabilityPattern
        #expect(ToolDefinitionValidator.matches(name, "internal-crm"))
        #expect(ToolDefinitionValidator.matches(capability, "list_contacts"))
        for text in ["crm\n", "crm\r\n", "\ncrm", "crm ", "crm\u{0}", "Crm", "c", "crm\nevil", String(repeating: "a", count: 65)] {
            #expect(!ToolDefinitionValidator.matches(name, text), "\(text.debugDescription)")
        }
        for text in ["list\n", "list_\n", "", "list-contacts"] {
            #expect(!ToolDefinitionValidator.matches(capability, text), "\(text.debugDescription)")
        }
    }
}
