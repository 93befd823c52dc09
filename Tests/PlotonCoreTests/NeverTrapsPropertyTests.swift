import Foundation
import PlotonCore
import PropertyBased
import Testing

/// Property tests: arbitrary text and numbers (±1e308, -0, huge integers, long digit runs,
/// unicode) through the prompt parser, the sandboxes, result shaping, templates, JSON value access
/// and tool definition validation. The property is that every call returns: a trap fails the run.
@Suite struct NeverTrapsPropertyTests {
    /// Numbers as a prompt or a body might spell them: edges first, then any Double a uniform draw
    /// can give (a range wider than ±8e307 overflows the generator's own width; ±1e308 is an edge).
    static let edges = [
        "1e300", "-1e300", "1e308", "-1e308", "1.7976931348623157e308", "4.9e-324", "-0", "0", "nan", "inf", "-inf", "1e400",
        "9223372036854775807", "9223372036854775808", "-9223372036854775809", "99999999999999999999999",
        String(repeating: "9", count: 500), "0x1p1023", "1_000", "١٢٣", "１２３", "½", "1e-400", "-", ".", "e5",
    ]

    static let number = zip(Gen.int(in: 0...(edges.count * 2)), Gen.double(in: -8e307...8e307)).map { pick, random in
        pick < edges.count ? edges[pick] : String(random)
    }

    /// Any text, emoji and combining marks included (surrogate code points are no scalars: `?`).
    static let text = Gen<UInt32>.value(in: 0x20...0x1FAFF).map { Character(UnicodeScalar($0) ?? "?") }.string(of: 0...40)

    static let prompts = [
        "list invoices limit=%@", "refund $%@ to cus_1", "charge $%@", "list deals limit: %@ after=%@", "post to #general limit=%@",
        "find emails maxResults=%@ pageToken=%@", "list events maxResults=%@", "list files pageSize=%@ pageToken=%@",
        "weather at latitude=%@ longitude=%@", "Pull all open deals limit=%@. Return deal name, amount, stage, and expected close date.",
    ]

    @Test func prompts_with_any_numbers_plan_and_run_without_trapping() async {
        await propertyCheck(
            count: 300, input: Self.number, Gen.int(in: 0...(Self.prompts.count - 1)),
            Gen.element(of: [nil] + ToolCatalog.builtIn.tools.map(\.name)),
            Self.text
        ) { number, template, tool, noise in
            let prompt = Self.prompts[template].replacingOccurrences(of: "%@", with: number) + " " + noise
            let outcome = await SandboxRehearsal.run(prompt, tool: tool ?? nil)
            if case .result(let result) = outcome { #expect(!result.jsonText.isEmpty) }
        }
    }

    @Test func answers_with_any_numbers_run_without_trapping() async {
        await propertyCheck(count: 200, input: Self.number, Gen.element(of: ["payments", "crm", "chat", "storage"])) { number, tool in
            let value = Double.finite(number).map(JSONValue.number) ?? .string(number)
            let answers: [String: JSONValue] = [
                "limit": value, "amount": value, "after": value, "$approved_steps": .array([value]), "customer": value,
            ]
            _ = await SandboxRehearsal.run("list", tool: tool, input: answers)
        }
    }

    @Test func result_shaping_and_value_access_never_trap() async {
        await propertyCheck(count: 300, input: Self.number, Self.text, Self.text) { number, path, words in
            let value = Double.finite(number).map(JSONValue.number) ?? .string(number)
            let output: JSONValue = .array([
                .object(["amount": value, "created": value, "close_date": value, "items": .array([value, .object([path: value])])]),
                value,
            ])
            for query in [path, number, "0.\(number)", "\(number).\(path)", "0.items.\(number)"] { _ = output.value(at: query) }
            _ = ResultShaper.shape(output, fields: PromptText.requestedFields(in: "return \(words), \(path) and \(number)") + [path])
            _ = ResultShaper.shape(output, fields: ["next billing date", "created date", number])
            _ = OutputCondition.filter(output, [OutputCondition(path: "created", op: .since, value: value)])
        }
    }

    @Test func text_templates_never_trap() async {
        await propertyCheck(count: 300, input: Self.number, Self.text) { number, words in
            let outputs: [Int: JSONValue] = [0: .object(["n": Double.finite(number).map(JSONValue.number) ?? .string(number)])]
            for format in ["", "|money", "|date", "|upper", "|\(words)"] {
                _ = TextTemplate.render("{{0.n\(format)}} {{\(number)\(format)}} {{\(words)}} {{", outputs: outputs)
            }
        }
    }

    @Test func tool_definitions_with_any_numbers_are_validated_without_trapping() async {
        await propertyCheck(count: 300, input: Self.number, Self.text) { number, words in
            let raw = """
                {"name": "fuzz-tool", "description": "\(words.debugDescription.dropFirst().dropLast())", "version": \(number),
                 "base_url": "https://example.com", "auth": {"type": "none"},
                 "capabilities": [{"name": "list_items", "description": "List", "method": "GET", "path": "/items/{id}",
                   "parameters": {"id": {"type": "integer", "required": true, "default": \(number), "in": "path"},
                                  "limit": {"type": "number", "default": \(number)}},
                   "pagination": {"cursor_path": "next", "cursor_param": "cursor", "max_pages": \(number)}}]}
                """
            guard let json = JSONValue.parse(raw) else { return }
            _ = try? ToolDefinitionValidator.decode(json)
        }
    }

    @Test func checked_conversions_stay_in_range() async {
        await propertyCheck(count: 500, input: Gen.double(in: -8e307...8e307)) {
            value in
            let clamped = value.clampedInt(in: -1000...1000)
            #expect(clamped.map { (-1000...1000).contains($0) } == true)
            #expect(Double.finite(value.plainText) == value || value.plainText.contains("e"))
        }
    }
}
