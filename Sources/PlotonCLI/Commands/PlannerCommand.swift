import ArgumentParser
import AsyncHTTPClient
import Foundation
import PlotonCore
import PlotonServer

struct PlannerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "planner", abstract: "Measure the planner.", subcommands: [Eval.self])

    struct Eval: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Score the configured planner (embedded, or the LLM planner when PLOTON_LLM_* are set) on an evaluation set.")
        @ArgumentParser.Option(name: .shortAndLong, help: "An evaluation set (JSON); the bundled set when absent.") var file: String?
        @Flag(help: "Print every case as JSON.") var json = false

        struct Summary: Encodable {
            var object = "planner_evaluation"
            var planner: String
            var cases: Int
            var passed: Int
            var passRate: Double
            var silentDrops: Int
            var results: [Case]

            enum CodingKeys: String, CodingKey {
                case object, planner, cases, passed, results
                case passRate = "pass_rate"
                case silentDrops = "silent_drops"
            }

            struct Case: Encodable {
                var id: String
                var prompt: String
                var passed: Bool
                var silentDrop: Bool
                var failure: String?
                var plan: String
                var workflow: Workflow?

                enum CodingKeys: String, CodingKey {
                    case id, prompt, passed, failure, plan, workflow
                    case silentDrop = "silent_drop"
                }
            }
        }

        func run() async throws {
            let set: PlannerEvaluationSet
            do {
                set = try file.map { try PlannerEvaluationSet.decode(Data(contentsOf: URL(fileURLWithPath: $0))) } ?? .bundled()
            } catch {
                Output.error("cannot read the evaluation set \(file ?? "(bundled)"): \(error)")
                throw ExitCode(2)
            }
            let config = try ServerContext.loadConfig()
            let chosen = planner(config: config, client: HTTPClient.shared)
            let report = await PlannerScorer(planner: chosen).score(set)
            if json {
                let results = report.results.map {
                    Summary.Case(
                        id: $0.id, prompt: $0.prompt, passed: $0.passed, silentDrop: $0.silentDrop, failure: $0.failure, plan: $0.plan,
                        workflow: $0.workflow)
                }
                return try Output.json(
                    Summary(
                        planner: chosen.name, cases: report.results.count, passed: report.passed, passRate: report.passRate,
                        silentDrops: report.silentDrops.count, results: results))
            }
            for failure in report.failures {
                print("\(failure.silentDrop ? "SILENT DROP " : "")\(failure.id): \(failure.prompt)")
                print("    \(failure.failure ?? "")")
                print("    planned: \(failure.plan)")
            }
            let percent = String(format: "%.1f", report.passRate * 100)
            print(
                "\(chosen.name) planner: \(report.passed)/\(report.results.count) passed (\(percent)%), "
                    + "\(report.silentDrops.count) silent drops")
        }
    }
}
