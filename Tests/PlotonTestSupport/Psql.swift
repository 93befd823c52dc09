import Foundation

/// Reads a PostgreSQL database of a process test with psql: what is stored, not what the API says.
public struct Psql: Sendable {
    public let url: String

    public init(url: String) { self.url = url }

    /// Each row of the query's result, its columns separated by `|`.
    public func lines(_ query: String) throws -> [String] {
        let result = try ProcessRunner.run("psql", [url, "-X", "-q", "-t", "-A", "-c", query])
        guard result.status == 0 else { throw Failure(output: result.output) }
        return result.output.split(separator: "\n").map(String.init)
    }

    /// The first column of the first row as a number (a `count(*)`), or -1.
    public func count(_ query: String) throws -> Int { Int(try lines(query).first ?? "") ?? -1 }

    public struct Failure: Error, CustomStringConvertible {
        public var output: String
        public var description: String { "psql failed: \(output)" }
    }
}
