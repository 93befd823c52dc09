import Fluent
import PlotonAPI
import PlotonCore
import SQLKit
import Vapor

/// The composition root: the server, the CLI and the tests all build the app through here.
public func configure(_ app: Application, config: PlotonConfig, clock: Clock = .system) throws {
    let keyRing = try EncryptionKeyRingLoader.load(config: config, logger: app.logger)
    var outboundSettings = config.outbound
    outboundSettings.connectionsPerHost = max(outboundSettings.connectionsPerHost, config.webhooks.maxPerDestination)
    app.http.client.configuration = OutboundHTTP.configuration(read: .seconds(30), settings: outboundSettings)
    let pinned = PinnedClients(eventLoopGroup: app.http.client.shared.eventLoopGroup, settings: outboundSettings)
    app.lifecycle.use(PinnedClients.Shutdown(clients: pinned))
    let outbound = OutboundHTTP(
        client: app.http.client.shared, allowPrivateNetwork: config.allowPrivateNetwork,
        resolver: OutboundResolver(settings: config.outbound), pinned: pinned)
    app.ploton = PlotonServices(
        config: config, secretBox: SecretBox(keyRing: keyRing), rateLimiter: rateLimiter(app, config: config, clock: clock),
        clock: clock, catalog: .builtIn, planner: planner(config: config, client: app.http.client.shared),
        executor: ToolRouter(
            sandbox: BuiltInSandboxes.executors(now: clock.now),
            live: [Weather.name: LiveWeather(http: outbound, settings: config.weather)]),
        outbound: outbound, liveDefinitions: BuiltInTools.liveDefinitions(overrides: config.toolOverrides), wakeUp: WakeUp(),
        webhookWakeUp: WakeUp(), plans: PlanCache(capacity: config.tasks.cachesPlans ? PlanCache.defaultCapacity : 0),
        keys: KeyCache(lifetime: .milliseconds(Int64(config.keyCacheMilliseconds))))

    try app.useDatabase(config.database, connectTimeout: .seconds(config.databaseConnectSeconds))
    app.migrations.add(PlotonMigrations.all)

    app.http.server.configuration.hostname = config.host
    app.http.server.configuration.port = config.port
    app.http.server.configuration.shutdownTimeout = .seconds(25)  // in-flight requests drain on SIGTERM
    app.http.server.configuration.idleTimeout = .seconds(Int64(config.httpIdleSeconds))
    app.routes.defaultMaxBodySize = ByteCount(value: config.maxBodyBytes)
    app.http.server.configuration.requestDecompression = .enabled(limit: .size(config.maxBodyBytes))
    // A second under the idle timeout, so a trickled head is answered 408 before the idle timer closes it unanswered;
    // a body has twice that after its head (60 s by default), however steadily it trickles.
    let headSeconds = min(30, max(1, config.httpIdleSeconds - 1))
    let clientConnections = ClientConnections()
    app.clientConnections = clientConnections
    app.useEdgeHTTPServer(headSeconds: headSeconds, bodySeconds: 2 * headSeconds, connections: clientConnections)

    let encoder = PlotonJSON.encoder()
    ContentConfiguration.global.use(encoder: encoder, for: .json)
    ContentConfiguration.global.use(decoder: PlotonJSON.decoder(), for: .json)

    // Vapor's defaults (route logging, HTML-ish errors) are replaced by ours.
    app.middleware = Middlewares()
    app.http.server.configuration.reportMetrics = false  // ours, by route template and status class
    if config.metricsToken != nil {
        MetricsBackend.bootstrap()
        app.middleware.use(MetricsMiddleware())
    }
    if let tracing = config.tracing {
        try TracingBackend.start(tracing, on: app)
        app.middleware.use(RequestTracingMiddleware())
    }
    app.middleware.use(RequestLogMiddleware())
    app.middleware.use(ErrorEnvelopeMiddleware())
    app.availability = Availability()
    app.middleware.use(DatabaseOutageMiddleware())
    app.middleware.use(NULCharacterMiddleware())
    app.middleware.use(QueryEncodingMiddleware())
    app.middleware.use(BodySizeLimitMiddleware(maxBytes: config.maxBodyBytes))
    app.middleware.use(ParameterCountMiddleware(maxBodyBytes: config.maxBodyBytes))
    app.middleware.use(AbandonedRequestMiddleware(connections: clientConnections))  // innermost: see there

    app.lifecycle.use(WorkerLifecycle())
    app.mcpSessions = MCPSessions()
    app.mcpStreamRelays = MCPStreamRelays()
    app.lifecycle.use(MCPLifecycle())
    try routes(app)
}

/// Buckets in memory for the one process of the embedded database; shared buckets on PostgreSQL,
/// where any number of API processes must hold a key to one limit.
func rateLimiter(_ app: Application, config: PlotonConfig, clock: Clock) -> any RateLimiting {
    let now: @Sendable () -> TimeInterval = { clock.now().timeIntervalSince1970 }
    guard config.database.isPostgres else { return RateLimiter(now: now) }
    return SharedRateLimiter(store: PostgresTokenBuckets(database: { app.db }), now: now)
}

/// The LLM planner when a model endpoint is configured, otherwise the embedded one.
public func planner(config: PlotonConfig, client: HTTPClient) -> any Planner {
    guard let llm = config.llm else { return EmbeddedPlanner() }
    return LLMPlanner(client: ChatCompletionsHTTP(client: client, settings: llm), model: llm.model, maxSteps: llm.maxSteps)
}

/// Brings the schema up to date. SQLite files switch to WAL so readers never wait on the writer,
/// and commit as `PLOTON_SQLITE_SYNCHRONOUS` says.
public func migrate(_ app: Application) async throws {
    if case .sqliteFile = app.ploton.config.database, let sql = app.db as? any SQLDatabase {
        try await sql.raw("PRAGMA journal_mode=WAL").run()
        try await app.tuneSQLiteConnections(app.ploton.config.sqliteSynchronous)
    }
    try await app.autoMigrate()
}

/// First run on an empty database: creates the default account; returns the one-time credentials
/// as the banner, or as one JSON object.
public func runFirstRunSetup(_ app: Application, json: Bool = false) async throws -> String? {
    let credentials = try await FirstRun.runIfNeeded(
        database: app.db, secretBox: app.ploton.secretBox, now: app.ploton.clock.now(), publicURL: app.ploton.config.publicURL)
    return json ? credentials?.json : credentials?.banner
}

/// The names of the migrations recorded as applied, in order.
public func appliedMigrations(_ app: Application) async throws -> [String] {
    guard let sql = app.db as? any SQLDatabase else { return [] }
    struct Row: Decodable { var name: String }
    return try await sql.raw("SELECT name FROM _fluent_migrations ORDER BY batch, created_at").all(decoding: Row.self).map(\.name)
}
