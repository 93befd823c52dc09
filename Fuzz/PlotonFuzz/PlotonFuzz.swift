import Dispatch
import Foundation
import PlotonCore
import Synchronization

// libFuzzer harness over the code that reads hostile text and numbers: the embedded planner (and
// the sandboxes running what it plans), result shaping, text templates, JSON value access, tool
// definition validation, token responses and `Retry-After`; and, from selector 200 up, what comes
// in from outside at the edges: API keys and webhook secrets, OAuth scopes, signed link tokens
// (OAuth `state`, hosted pages), the encryption key ring, IP addresses and networks. Nothing here may trap, whatever the
// input. Built by scripts/fuzz.sh with `--sanitize fuzzer -Xswiftc -DFUZZING`; a plain `swift
// build` gives a replayer instead: `ploton-fuzz FILE...` runs saved inputs (crashes, the corpus).
//
// Input layout: the first byte picks the entry point, the rest is text; a NUL byte splits it into
// `text` and `extra` (a JSON document, a path or a field list, depending on the entry point).

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = UnsafeBufferPointer(start: bytes, count: count)
    guard let selector = data.first else { return 0 }
    let rest = data.dropFirst()
    let split = rest.firstIndex(of: 0) ?? rest.endIndex
    let text = String(decoding: rest[rest.startIndex..<split], as: UTF8.self)
    let extra = split < rest.endIndex ? String(decoding: rest[(split + 1)...], as: UTF8.self) : ""
    FuzzEntry.run(FuzzEntry.kept(selector), text: text, extra: extra, raw: Array(rest))
    return 0
}

enum FuzzEntry {
    static let now = Date(timeIntervalSince1970: 1_750_000_000)
    /// The entry points, by selector (`selector % 6` below 200; `untrusted` from 200 up).
    static let targets = ["plan", "shape", "template", "definition", "numbers", "sandbox", "untrusted"]
    /// `PLOTON_FUZZ_TARGET=shape` (one of `targets`) keeps every input on that entry point, to fuzz one at a time.
    static let target: Int? = ProcessInfo.processInfo.environment["PLOTON_FUZZ_TARGET"].flatMap { targets.firstIndex(of: $0) }

    /// The selector an input's first byte picks, moved onto `target` when one is set (its variants kept).
    static func kept(_ selector: UInt8) -> UInt8 {
        guard let target else { return selector }
        if target == 6 { return 200 + selector % 56 }
        return UInt8(target) + 6 * (selector / 6 % 33)
    }
    static let pinnable: [String?] = [nil] + ToolCatalog.builtIn.tools.map(\.name)

    static func run(_ selector: UInt8, text: String, extra: String, raw: [UInt8]) {
        if selector >= 200 { return untrusted(Int(selector - 200) % 4, text: text, extra: extra, raw: raw) }
        let json = JSONValue.parse(extra)
        switch selector % 6 {
        case 0: plan(prompt: text, pinned: pinnable[Int(selector / 6) % pinnable.count], input: json?.objectValue ?? [:])
        case 1: shape(JSONValue.parse(text) ?? .string(text), prompt: extra)
        case 2: _ = TextTemplate.render(text, outputs: [0: json ?? .null, 1: .number(Double.finite(extra) ?? 0)])
        case 3: _ = try? ToolDefinitionValidator.decode(JSONValue.parse(text) ?? .string(text))
        case 4: numbers(text, extra: extra, json: json)
        default: sandbox(Int(selector / 6), input: JSONValue.parse(text)?.objectValue ?? [:])
        }
    }

    /// Plans like a task with this prompt, then runs the plan against fresh sandboxes.
    static func plan(prompt: String, pinned: String?, input: [String: JSONValue]) {
        let request = PlanningRequest(
            prompt: prompt, userID: "user_1", pinnedTool: pinned, input: input, catalog: .builtIn, now: now)
        guard case .workflow(let workflow)? = blocking({ try? await EmbeddedPlanner().plan(request) }) else { return }
        // What the engine stores and reads back.
        guard let data = try? JSONEncoder().encode(workflow), let stored = try? JSONDecoder().decode(Workflow.self, from: data)
        else { return }
        let executors = BuiltInSandboxes.executors(now: { now })
        let storage = InMemorySandboxStorage()
        var outputs: [Int: JSONValue] = [:]
        for (index, step) in stored.steps.enumerated() {
            let values = step.input.compactMapValues { $0.resolved(outputs: outputs) }
            let request = StepRequest(
                taskID: "task_1", accountID: "acct_1", userID: "user_1", stepIndex: index, tool: step.tool,
                capability: step.capability, input: values, mode: .sandbox, idempotencyKey: "task_1_\(index)", sandbox: storage)
            guard let executor = executors[step.tool],
                case .completed(let output)? = blocking({ try? await executor.execute(request) })
            else { return }
            outputs[index] = OutputCondition.filter(output, step.keep ?? [])
        }
        _ = ResultShaper.shape(outputs[stored.resultStep ?? stored.steps.count - 1] ?? .null, fields: stored.resultFields)
    }

    static func shape(_ output: JSONValue, prompt: String) {
        let fields = PromptText.requestedFields(in: prompt)
        _ = ResultShaper.shape(output, fields: fields)
        for field in fields { _ = output.value(at: field) }
        _ = PromptText.understanding(of: prompt, now: now)
        _ = PromptText.dateRange(in: prompt, now: now)
    }

    static func numbers(_ text: String, extra: String, json: JSONValue?) {
        let number = Double.finite(text) ?? json?.numberValue ?? 0
        _ = number.clampedInt(in: 1...100)
        _ = number.plainText
        _ = TimeInterval.boundedDelay(Double.finite(text), atMost: 86_400)
        _ = WebhookRetrySchedule.standard.delay(after: 1, retryAfter: .boundedDelay(number, atMost: 86_400))
        _ = try? TokenGrant.parse(json ?? .object(["access_token": .string("a"), "expires_in": .string(text)]))
        _ = PromptText.amounts(in: text)
    }

    /// One capability of one built-in tool, with arbitrary input.
    static func sandbox(_ pick: Int, input: [String: JSONValue]) {
        let capabilities = ToolCatalog.builtIn.tools.flatMap { tool in tool.capabilities.map { (tool.name, $0.name) } }
        let (tool, capability) = capabilities[pick % capabilities.count]
        let request = StepRequest(
            taskID: "task_1", accountID: "acct_1", userID: "user_1", stepIndex: 0, tool: tool, capability: capability,
            input: input, mode: .sandbox, idempotencyKey: "task_1_0", sandbox: InMemorySandboxStorage())
        guard let executor = BuiltInSandboxes.executors(now: { now })[tool] else { return }
        _ = blocking { try? await executor.execute(request) }
    }

    static let tokens = SignedToken(keyRing: try! KeyRing(parsing: KeyRing.generateSerialized(keyID: "k1")), purpose: "fuzz")

    /// Parsers of values clients, providers and operators send.
    static func untrusted(_ pick: Int, text: String, extra: String, raw: [UInt8]) {
        switch pick {
        case 0:
            _ = APIKeySecret(parsing: text)
            _ = WebhookSecret(parsing: text)
            _ = OAuthScopes.missing(OAuthScopes.parse(text), granted: OAuthScopes.parse(extra))
        case 1:
            _ = tokens.verify(text)
            _ = tokens.verify(tokens.sign(.string(text)))
            _ = try? KeyRing(parsing: text)
        case 2:
            _ = DNSAnswerTTL.seconds(in: raw)
        default:
            if let address = IPAddress(text) { _ = DestinationPolicy.refusal(address) }
            _ = IPNetwork(text)
            _ = IPAddress(bytes: Array(extra.utf8))
        }
    }

    /// Runs async code to completion on the fuzzer's thread (the planners and sandboxes are async).
    static func blocking<T: Sendable>(_ work: @escaping @Sendable () async -> T) -> T {
        let result = Mutex<T?>(nil)
        let done = DispatchSemaphore(value: 0)
        Task {
            let value = await work()
            result.withLock { $0 = value }
            done.signal()
        }
        done.wait()
        return result.withLock { $0! }
    }
}

#if !FUZZING
    /// Replays saved inputs: `ploton-fuzz crash-… corpus/…`.
    @main enum Replay {
        static func main() {
            for path in CommandLine.arguments.dropFirst() {
                let data = [UInt8](FileManager.default.contents(atPath: path) ?? Data())
                _ = data.withUnsafeBufferPointer { buffer in
                    buffer.baseAddress.map { fuzzOne($0, buffer.count) } ?? 0
                }
                print("ok \(path)")
            }
        }
    }
#endif
