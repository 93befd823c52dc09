import Foundation
import PlotonCore
import Testing

@Suite struct ToolDefinitionTests {
    static let valid: JSONValue = .object([
        "name": .string("internal-crm"), "description": .string("Our CRM"), "base_url": .string("https://crm.example.com/api"),
        "auth": .object(["type": .string("api_key"), "header": .string("X-Api-Key")]),
        "capabilities": .array([
            .object([
                "name": .string("get_contact"), "description": .string("Get a contact by id"), "method": .string("GET"),
                "path": .string("/contacts/{id}"),
                "parameters": .object(["id": .object(["type": .string("string"), "required": .bool(true), "in": .string("path")])]),
            ]),
            .object(["name": .string("list_contacts"), "description": .string("List contacts"), "path": .string("/contacts")]),
        ]),
    ])

    func with(_ path: [String], _ value: JSONValue?) -> JSONValue {
        func set(_ node: JSONValue, _ path: ArraySlice<String>) -> JSONValue {
            guard let key = path.first else { return value ?? .null }
            switch node {
            case .object(var object):
                if path.count == 1, value == nil {
                    object.removeValue(forKey: key)
                } else {
                    object[key] = set(object[key] ?? .object([:]), path.dropFirst())
                }
                return .object(object)
            case .array(var array):
                let index = Int(key)!
                array[index] = set(array[index], path.dropFirst())
                return .array(array)
            default: return node
            }
        }
        return set(Self.valid, path[...])
    }

    /// Gmail answers a search that matches nothing with `{"resultSizeEstimate":0}`, no `messages`.
    @Test func an_answer_without_its_result_path_found_nothing() async throws {
        let email = try #require(ToolCatalog.builtInDefinitions.first { $0.name == "email" })
        let payments = try #require(ToolCatalog.builtInDefinitions.first { $0.name == "payments" })
        func run(_ definition: ToolDefinition, _ capability: String, answering body: JSONValue) async throws -> JSONValue? {
            let request = StepRequest(
                taskID: "task_1", accountID: "acct_1", userID: nil, stepIndex: 0, tool: definition.name, capability: capability,
                input: ["q": .string("from:nobody@nowhere.example")], mode: .live, idempotencyKey: "key")
            guard case .completed(let result) = try await DefinitionRunner.run(definition, request: request, fetch: { _, _ in body })
            else { return nil }
            return result
        }
        #expect(try await run(email, "search_messages", answering: .object(["resultSizeEstimate": .number(0)])) == .array([]))
        let oneItem = try #require(payments.capabilities.first { $0.resultPath == "data.0" })
        #expect(try await run(payments, oneItem.name, answering: .object(["object": .string("list"), "data": .array([])])) == .null)
    }

    @Test func a_complete_definition_decodes_with_defaults() throws {
        let definition = try ToolDefinitionValidator.decode(Self.valid)
        #expect(definition.version == "1.0.0")
        #expect(definition.capabilities[1].method == "GET")
        #expect(definition.capabilities[0].location(of: "id") == .path)
        #expect(definition.capabilities[1].location(of: "q") == .query)
        #expect(definition.descriptor.capabilities.map(\.name) == ["get_contact", "list_contacts"])
    }

    @Test(arguments: [
        (["name"], nil as JSONValue?, "name", ToolDefinitionValidator.Problem.Kind.missing),
        (["base_url"], nil, "base_url", .missing),
        (["name"], .string("Bad Name"), "name", .invalid),
        (["name"], .number(3), "name", .invalid),
        (["base_url"], .string("ftp://x"), "base_url", .invalid),
        (["capabilities"], .array([]), "capabilities", .invalid),
        (["capabilities", "0", "method"], .string("FETCH"), "capabilities[0].method", .invalid),
        (["capabilities", "0", "path"], .string("contacts"), "capabilities[0].path", .invalid),
        (["capabilities", "1", "name"], .string("get_contact"), "capabilities[1].name", .invalid),
        (["capabilities", "0", "parameters", "id", "type"], .string("uuid"), "capabilities[0].parameters.id.type", .invalid),
        (["capabilities", "0", "parameters", "id", "in"], .string("query"), "capabilities[0].path", .invalid),
        (["capabilities", "1", "path"], nil, "capabilities[1].path", .missing),
        (["auth", "type"], .string("magic"), "auth.type", .invalid),
        (["auth", "type"], .string("oauth2"), "auth.authorize_url", .invalid),
        (["auth", "revoke_url"], .string("javascript:alert(1)"), "auth.revoke_url", .invalid),
        (["auth", "revoke_url"], .string("https:///revoke"), "auth.revoke_url", .invalid),
    ])
    func problems_name_the_field(path: [String], value: JSONValue?, field: String, kind: ToolDefinitionValidator.Problem.Kind) {
        #expect {
            _ = try ToolDefinitionValidator.decode(with(path, value))
        } throws: { error in
            guard let problem = error as? ToolDefinitionValidator.Problem else { return false }
            return problem.field == field && problem.kind == kind
        }
    }

    @Test func a_new_base_url_or_auth_block_moves_secrets_but_a_new_client_secret_or_description_does_not() throws {
        let before = try ToolDefinitionValidator.decode(Self.valid)
        func moves(_ path: [String], _ value: JSONValue) throws -> Bool {
            try ToolDefinitionValidator.decode(with(path, value)).movesSecrets(from: before)
        }
        #expect(try moves(["base_url"], .string("https://evil.example/api")))
        #expect(try moves(["auth", "header"], .string("X-Other")))
        #expect(try moves(["auth", "revoke_url"], .string("https://evil.example/revoke")))
        #expect(try !moves(["auth", "client_secret"], .string("new-secret")))
        #expect(try !moves(["description"], .string("Another description")))
        #expect(try !moves(["capabilities", "1", "description"], .string("Every contact")))
    }

    @Test func a_pinned_custom_tool_plans_the_best_matching_capability_and_asks_for_missing_parameters() async throws {
        let definition = try ToolDefinitionValidator.decode(Self.valid)
        let catalog = ToolCatalog.builtIn.adding([definition.descriptor])
        func plan(_ prompt: String, input: [String: JSONValue] = [:]) async throws -> PlanningResult {
            try await EmbeddedPlanner().plan(
                PlanningRequest(prompt: prompt, userID: nil, pinnedTool: "internal-crm", input: input, catalog: catalog))
        }
        guard case .workflow(let list) = try await plan("List all contacts") else { Issue.record(); return }
        #expect(list.steps.map(\.capability) == ["list_contacts"])
        guard case .needsInput(let schema, _) = try await plan("Get the contact") else { Issue.record(); return }
        #expect(schema.value(at: "required") == .array([.string("id")]))
        guard case .workflow(let get) = try await plan("Get the contact id: c_42") else { Issue.record(); return }
        #expect(get.steps.first?.input["id"] == .literal(.string("c_42")))
        guard case .workflow(let answered) = try await plan("Get the contact", input: ["id": .string("c_7")]) else {
            Issue.record(); return
        }
        #expect(answered.steps.first?.input["id"] == .literal(.string("c_7")))
    }
}
