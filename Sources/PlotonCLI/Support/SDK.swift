import ArgumentParser
import Foundation
import PlotonAPI
import PlotonCore
import PlotonKit

/// The client commands' use of PlotonKit: the client from the environment, and errors as exit
/// codes (1 for an API error, 2 for a usage or configuration error).
enum SDK {
    static func run(_ body: (Ploton) async throws -> Void) async throws {
        do {
            try await body(try Ploton())
        } catch let error as PlotonError {
            Output.error(error.description)
            if case .configuration = error { throw ExitCode(2) }
            throw ExitCode(1)
        }
    }

    static func date(_ date: Date?) -> String { date.map { ISO8601DateFormatter().string(from: $0) } ?? "-" }
}
