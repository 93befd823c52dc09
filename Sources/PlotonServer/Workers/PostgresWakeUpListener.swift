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
        while !Task.isCancelled {
            do {
                let configuration = try SQLPostgresConfiguration(url: url).coreConfiguration
                let connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
                defer { Task { try? await connection.close() } }
                try await connection.listen(on: WorkNotifier.channel) { notifications in
                    for try await _ in notifications { wakeUp.signal() }
                }
            } catch {
                guard !Task.isCancelled else { return }
                logger.warning(
                    "work listener lost its connection; reconnecting", metadata: ["error": "\(String(reflecting: type(of: error)))"])
                try? await Task.sleep(for: .seconds(1))
            }
        }
    }
}
