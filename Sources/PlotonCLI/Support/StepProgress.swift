import Foundation
import PlotonAPI
import PlotonKit

/// What `tasks create --wait` shows on standard error while the task runs: on a terminal, one live
/// line per step, rewritten in place until the step finishes; otherwise a plain line each time a
/// step's status changes.
struct StepProgress {
    let live: Bool
    private var shown: [Int: String] = [:]
    /// The step whose line is still open on the terminal.
    private var open: Int?

    init(live: Bool) { self.live = live }

    /// The text to write for what changed since the last call.
    mutating func update(_ steps: [TaskTraceObject.Step]) -> String {
        var text = ""
        for step in steps.sorted(by: { $0.index < $1.index }) {
            let line = Self.line(step)
            guard shown[step.index] != line else { continue }
            shown[step.index] = line
            guard live else {
                text += line + "\n"
                continue
            }
            text += open == step.index ? "\r\u{1B}[2K" : (open == nil ? "" : "\n")
            text += line
            open = ["running", "waiting"].contains(step.status) ? step.index : nil
            if open == nil { text += "\n" }
        }
        return text
    }

    /// Closes a line left open when the task stopped waiting for it.
    mutating func finish() -> String {
        defer { open = nil }
        return open == nil ? "" : "\n"
    }

    static func line(_ step: TaskTraceObject.Step) -> String {
        let retries = step.attempts > 1 ? ", \(step.attempts) attempts" : ""
        return "  step \(step.index + 1) \(step.tool).\(step.capability): \(step.status)"
            + (step.durationMs.map { " (\($0) ms\(retries))" } ?? (retries.isEmpty ? "" : " (\(retries.dropFirst(2)))"))
    }

    /// Follows the task's trace until it is final or waiting (or `timeout` passes), writing progress to standard error.
    static func follow(_ id: String, with ploton: Ploton, timeout: TimeInterval) async throws -> TaskObject {
        var progress = StepProgress(live: isatty(FileHandle.standardError.fileDescriptor) == 1)
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let trace = try await ploton.tasks.trace(id)
            FileHandle.standardError.write(Data(progress.update(trace.steps).utf8))
            if trace.status.isFinal || trace.status == .waiting { break }
            guard Date() < deadline else { throw PlotonError.timedOut(taskID: id) }
            try await Task.sleep(for: .milliseconds(250))
        }
        FileHandle.standardError.write(Data(progress.finish().utf8))
        return try await ploton.tasks.get(id)
    }
}
