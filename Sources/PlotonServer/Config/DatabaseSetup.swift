import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Vapor

extension Application {
    func useDatabase(_ database: DatabaseConfig, connectTimeout: TimeAmount = .seconds(3)) throws {
        switch database {
        case .sqliteMemory:
            databases.use(.sqlite(.memory), as: .sqlite)
        case .sqliteFile(let path):
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            databases.use(.sqlite(.file(path)), as: .sqlite)
            sqliteReads = SQLiteReadConnections(path: path)
            let writer = SQLiteWriter(path: path, synchronous: ploton.config.sqliteSynchronous)
            ploton.groupCommit = GroupCommit(sqliteWriter: writer)
            lifecycle.use(SQLiteWriterShutdown(writer: writer))
        case .postgres(let url):
            // Bounded waits, so a dead or unreachable database answers 503 within seconds, never a hang:
            // opening a connection gives up after `connectTimeout` (3 s for `serve`), and waiting for a pooled
            // one 2 s later, since that wait may include opening it (one-shot commands and tests connect for 15 s).
            var configuration = try SQLPostgresConfiguration(url: url)
            configuration.coreConfiguration.options.connectTimeout = connectTimeout
            // A statement whose connection closed (a request's client went away, this process died) is aborted.
            configuration.coreConfiguration.options.additionalStartupParameters.append(
                ("client_connection_check_interval", AbandonableDatabaseConfiguration.clientCheckInterval))
            let postgres = DatabaseConfigurationFactory.postgres(
                configuration: configuration, maxConnectionsPerEventLoop: 4, connectionPoolTimeout: connectTimeout + .seconds(2))
            databases.use(DatabaseConfigurationFactory { AbandonableDatabaseConfiguration(inner: postgres.make()) }, as: .psql)
        }
    }
}

/// Closes the SQLite writer's connection when the application stops.
private struct SQLiteWriterShutdown: LifecycleHandler {
    let writer: SQLiteWriter

    func shutdown(_ application: Application) {}

    func shutdownAsync(_ application: Application) async { await writer.close() }
}
