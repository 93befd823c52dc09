import Foundation
import PlotonTestSupport
import Testing

@Suite struct PlannerCommandTests {
    @Test func planner_eval_prints_the_pass_rate_the_failures_and_the_silent_drops() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("planner-eval-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("cases.json")
        try #"""
        {"now": "2026-05-28T10:00:00Z", "cases": [
          {"id": "ok", "prompt": "Post \"Deploy done\" to #engineering", "tools": ["chat"], "capabilities": ["chat.post_message"],
           "inputs": {"chat.post_message": ["engineering", "Deploy done"]}},
          {"id": "wrong", "prompt": "List the open deals", "tools": ["payments"], "capabilities": ["payments.list_invoices"]}
        ]}
        """#.write(to: file, atomically: true, encoding: .utf8)
        // No database, server or key: the command only plans.
        let environment: [String: String] = [:]

        let human = try PlotonCommandRunner.run(
            ["planner", "eval", "-f", file.path], environment: environment, workingDirectory: directory)
        #expect(human.status == 0, "\(human.stderr)")
        #expect(human.stdout.contains("wrong: List the open deals"))
        #expect(human.stdout.contains("no payments.list_invoices step"))
        #expect(human.stdout.contains("embedded planner: 1/2 passed (50.0%), 0 silent drops"))

        let json = try PlotonCommandRunner.run(
            ["planner", "eval", "-f", file.path, "--json"], environment: environment, workingDirectory: directory)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any], "\(json.stdout)")
        #expect(report["pass_rate"] as? Double == 0.5 && report["silent_drops"] as? Int == 0 && report["cases"] as? Int == 2)

        let bundled = try PlotonCommandRunner.run(["planner", "eval"], environment: environment, workingDirectory: directory)
        #expect(bundled.stdout.contains(", 0 silent drops"), "\(bundled.stdout.suffix(300))")
    }
}
