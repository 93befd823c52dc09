import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Vapor

extension Application {
    func useDatabase(_ database: DatabaseConfig) throws {
        switch database {
        case .sqliteMemory:
            databases.use(.sqlite(.memory), as: .sqlite)
        case .sqliteFile(let path):
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            databases.use(.sqlite(.file(path)), as: .sqlite)
        case .postgres(let url):
            databases.use(
                try .postgres(
                    configuration: SQLPostgresConfiguration(url: url), maxConnectionsPerEventLoop: 4,
                    connectionPoolTimeout: .seconds(10)),
                as: .psql)
        }
    }
}
