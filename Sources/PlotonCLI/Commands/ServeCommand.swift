import ArgumentParser
import Foundation
import PlotonServer
import Vapor

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Run the Ploton server (migrates the database and, on first run, creates the default account).")

    @ArgumentParser.Option(help: "Listen address (overrides PLOTON_HOST).") var host: String?
    @ArgumentParser.Option(help: "Listen port (overrides PLOTON_PORT).") var port: Int?
    @ArgumentParser.Flag(help: "Print the first run's credentials as one JSON object instead of the banner.") var json = false

    func run() async throws {
        ServerContext.bootstrapLogging(defaultLevel: .info)
        var config = try ServerContext.loadConfig()
        if let host { config.host = host }
        if let port { config.port = port }
        if config.eventLoopExecutor { EventLoopExecutor.install() }
        // Vapor's own `serve` runs with explicit arguments, so it never re-reads our command line.
        try await ServerContext.withApplication(config: config, arguments: ["ploton", "serve"]) { app in
            if let banner = try await runFirstRunSetup(app, json: json) {
                FileHandle.standardOutput.write(Data(banner.utf8))  // unbuffered: shown even if killed soon after
            }
            app.logger.info(
                "Ploton listening",
                metadata: [
                    "address": "http://\(config.host):\(config.port)", "database": "\(config.database)", "role": "\(config.role.rawValue)",
                ])
            // Caught before the listener opens, so a SIGTERM sent as soon as it answers is a clean stop, not a kill.
            let termination = TerminationSignal.catching()
            if config.role == .worker, config.metricsToken == nil {
                try await app.asyncBoot()  // starts the worker; no HTTP listener in this role (but /metrics when on)
                await termination.wait()
            } else {
                try await app.asyncBoot()
                try await app.server.start(address: nil)
                await termination.wait()
                // Not ready first, so a balancer moves away; then in-flight requests finish before the databases close.
                await app.drain(for: config.drainSeconds)
                await app.server.shutdown()
            }
        }
    }
}
