import Fluent
import Foundation
import PlotonAPI
import Testing
import VaporTesting

@testable import PlotonServer

/// A sandbox keeps its records in the database: a step that loses its connection mid-call (PostgreSQL restarting,
/// found by `ScaleOutSmokeProcessTests`) ends the run for the lease to retry, and never fails the task.
@Suite struct StepDatabaseErrorTests {
    struct ConnectionClosed: Error, DatabaseError {
        var isSyntaxError: Bool { false }
        var isSchemaError: Bool { false }
        var isConstraintFailure: Bool { false }
        var isConnectionClosed: Bool { true }
    }

    /// Not every error of an unreachable database is a `DatabaseError`: a transaction cut off by a restart ends in
    /// `DatabaseConnectionLost` (taken for the step's own failure, it once failed two tasks of the smoke test), a
    /// pool's wait in `ConnectionPoolTimeoutError`.
    @Test(arguments: [
        ConnectionClosed() as any Error & Sendable, DatabaseConnectionLost(), ConnectionPoolTimeoutError.connectionRequestTimeout,
    ])
    func a_database_error_inside_a_step_leaves_the_task_to_be_retried(_ error: any Error & Sendable) async throws {
        try await withPloton { t async throws in
            let tool = t.useScriptedTool([PlannedStep(tool: "vault", capability: "read", input: [:])])
            tool.script("read", { _ in throw error })
            let id = try await t.createTask(#"{"prompt":"read the vault"}"#)
            try await t.drain()
            let task = try await t.task(id)
            #expect(task["status"] as? String != "failed", "\(task)")
            #expect(tool.count("read") == 1)
        }
    }
}
