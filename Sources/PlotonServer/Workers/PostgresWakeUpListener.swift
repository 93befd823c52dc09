import FluentPostgresDriver
import Foundation
import Logging
import PostgresNIO

/// `LISTEN ploton_work` on a dedicated connection and wake the local worker on every `NOTIFY`, so
/// a task created on one process starts at once on another. Reconnects after errors.
struct PostgresWakeUpListener {
    let url: String
    let wakeUp: WakeUp
    let logger: Logger

    func run() async {
        var backoff = FailureBackoff(what: "listening for work", logger: logger)
        while !Task.isCancelled {
            do {
                let configuration = try SQLPostgresConfiguration(url: url).coreConfiguration
                let connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
                defer { Task { try? await connection.close() } }
                backoff.succeeded()
                wakeUp.signal()  // work announced while the listener was away is looked for now
                try await connection.listen(on: WorkNotifier.channel) { notifications in
                    for try await _ in notifications { wakeUp.signal() }
                }
            } catch {
                guard !Task.isCancelled else { return }
                try? await Task.sleep(for: .seconds(backoff.failed(error)))
            }
        }
    }
}
