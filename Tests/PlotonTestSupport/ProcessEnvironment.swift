import Foundation

/// A scratch directory and the environment for running `ploton` processes on a test database.
public struct ProcessEnvironment: Sendable {
    public let directory: URL
    public let databaseURL: String
    public let drop: @Sendable () async -> Void

    public static func make() async throws -> ProcessEnvironment {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ploton-proc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let database = try await TestDatabase.make(file: true)
        return ProcessEnvironment(directory: directory, databaseURL: database.url) {
            await database.drop()
            try? FileManager.default.removeItem(at: directory)
        }
    }

    /// A scratch directory for processes on a database the test owns (dropped with the database).
    public static func make(databaseURL: String) throws -> ProcessEnvironment {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ploton-proc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return ProcessEnvironment(directory: directory, databaseURL: databaseURL) { try? FileManager.default.removeItem(at: directory) }
    }

    /// PATH and friends from this process, plus the Ploton variables for this scratch space.
    public func variables(_ extra: [String: String] = [:]) -> [String: String] {
        let inherited = ProcessInfo.processInfo.environment.filter { name, _ in
            ["PATH", "HOME", "LANG", "TMPDIR"].contains(name)
        }
        return inherited.merging([
            "PLOTON_DATA_DIR": directory.appendingPathComponent("data").path,
            "PLOTON_DATABASE_URL": databaseURL,
            "LOG_LEVEL": "info",
        ]) { $1 }.merging(extra) { $1 }
    }
}
