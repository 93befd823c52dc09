import Foundation

/// A PostgreSQL server of a test's own (scripts/test-postgres.sh: a temp dir, a free loopback
/// port), so the test can stop and restart it without disturbing other tests' databases.
public final class ThrowawayPostgres: Sendable {
    public let url: String
    private let directory: String

    public static var isAvailable: Bool { (try? ProcessRunner.run("which", ["initdb"]).status) == 0 }

    public init() throws {
        let started = try Self.script(["start"])
        let exports = Dictionary(
            uniqueKeysWithValues: started.split(separator: "\n").compactMap { line -> (String, String)? in
                let assignment = line.replacingOccurrences(of: "export ", with: "").split(separator: "=", maxSplits: 1)
                return assignment.count == 2 ? (String(assignment[0]), String(assignment[1])) : nil
            })
        guard let url = exports["PLOTON_TEST_POSTGRES_URL"], let directory = exports["PLOTON_TEST_PG_DIR"] else {
            throw Failure(output: started)
        }
        self.url = url
        self.directory = directory
    }

    /// `pg_ctl stop -m fast`: backends are terminated, new connections refused.
    public func pause() throws { try Self.script(["pause", directory]) }

    /// Up again on the same port with the same data.
    public func resume() throws { try Self.script(["resume", directory]) }

    public func stop() { _ = try? Self.script(["stop", directory]) }

    /// Run with posix_spawn and waitpid, output to a file: Foundation's Process did not see this
    /// script exit once it had started a server in the background.
    @discardableResult
    private static func script(_ arguments: [String]) throws -> String {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("ploton-pg-\(UUID().uuidString).out")
        defer { try? FileManager.default.removeItem(at: output) }
        let script = RepositoryPaths.root.appendingPathComponent("scripts/test-postgres.sh").path
        let command = "exec bash '\(script)' \(arguments.map { "'\($0)'" }.joined(separator: " ")) >'\(output.path)' 2>&1 </dev/null"
        let argv: [UnsafeMutablePointer<CChar>?] = ["/bin/sh", "-c", command].map { (argument: String) in strdup(argument) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, "/bin/sh", nil, nil, argv, environ) == 0 else { throw Failure(output: "posix_spawn failed") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        guard status == 0 else { throw Failure(output: text) }
        return text
    }

    public struct Failure: Error, CustomStringConvertible {
        public var output: String
        public var description: String { "scripts/test-postgres.sh failed:\n\(output)" }
    }
}
