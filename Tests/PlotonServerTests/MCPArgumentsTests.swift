import MCP
import PlotonAPI
import Testing

@testable import PlotonServer

/// The task tools' arguments are typed (`MCPArguments`): each tool's input schema lists exactly
/// the fields its type reads, and bad arguments get the messages MCP clients have been told.
@Suite struct MCPArgumentsTests {
    private func properties(_ tool: Tool?) -> Set<String> {
        guard case .object(let schema)? = tool?.inputSchema, case .object(let properties)? = schema["properties"] else { return [] }
        return Set(properties.keys)
    }

    private func names<Field: CodingKey & CaseIterable>(_ field: Field.Type) -> Set<String> {
        Set(Field.allCases.map(\.stringValue))
    }

    @Test func each_task_tool_declares_the_arguments_its_type_reads() {
        for subagentEndpoint in [false, true] {
            let tools = Dictionary(uniqueKeysWithValues: MCPTaskTools.tools(subagentEndpoint: subagentEndpoint).map { ($0.name, $0) })
            let run = names(RunTaskArguments.Field.self).subtracting(subagentEndpoint ? ["sub_agent"] : [])
            #expect(properties(tools[MCPTaskTools.runTask]) == run)
            #expect(properties(tools[MCPTaskTools.getTask]) == names(TaskIDArguments.Field.self))
            #expect(properties(tools[MCPTaskTools.cancelTask]) == names(TaskIDArguments.Field.self))
            #expect(properties(tools[MCPTaskTools.answerTask]) == names(AnswerTaskArguments.Field.self))
            #expect(properties(tools[MCPTaskTools.listTools]).isEmpty)
        }
    }

    @Test func bad_arguments_are_reported_as_before() throws {
        func reported(_ make: () throws -> Any) -> APIFailure? {
            do {
                _ = try make()
                return nil
            } catch {
                return APIFailure(reporting: error)
            }
        }
        let onSubagent = reported { try RunTaskArguments(["prompt": .string("p"), "sub_agent": .string("desk")], subagentEndpoint: true) }
        #expect(onSubagent?.code == .invalidRequest && onSubagent?.param == "sub_agent")
        #expect(onSubagent?.message == "Unknown argument 'sub_agent'. Allowed: prompt, timeout_seconds, tool, user_id.")

        let missing = reported { try RunTaskArguments([:], subagentEndpoint: false) }
        #expect(missing?.code == .invalidRequest && missing?.param == "prompt")
        let mistyped = reported { try TaskIDArguments(["task_id": .number(7)]) }
        #expect(mistyped?.code == .validationError && mistyped?.message == "task_id must be a string, not a number.")
        let tooLong = reported { try TaskIDArguments(["task_id": .string(String(repeating: "t", count: 256))]) }
        #expect(tooLong?.message == "task_id must be at most 255 characters.")
        let outOfRange = reported {
            try RunTaskArguments(["prompt": .string("p"), "timeout_seconds": .number(301)], subagentEndpoint: false)
        }
        #expect(outOfRange?.code == .validationError && outOfRange?.message == "timeout_seconds must be between 0 and 300.")
        let blankUser = reported { try CapabilityUserArgument.userID(.string(" ")) as Any }
        #expect(blankUser?.param == "user_id")

        let run = try RunTaskArguments(["prompt": .string("p"), "user_id": .null], subagentEndpoint: false)
        #expect(run.prompt == "p" && run.userID == nil && run.timeoutSeconds == MCPTaskTools.defaultTimeout)
        let answer = try AnswerTaskArguments(["task_id": .string("task_1"), "approve": .bool(true)])
        #expect(answer.taskID == "task_1" && answer.approve == true && answer.input == nil)
    }
}
