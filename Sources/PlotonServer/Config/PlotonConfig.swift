import Foundation
import PlotonCore

/// Server configuration, read once from the environment (`PLOTON_*`) and validated as a whole.
public struct PlotonConfig: Sendable {
    public enum Role: String, Sendable, CaseIterable { case api, worker, all }

    public var database: DatabaseConfig
    public var dataDirectory: String
    public var host: String
    public var port: Int
    /// How browsers reach this server (`PLOTON_PUBLIC_URL`); by default `http://localhost:<port>`.
    public var publicURL: String {
        get { explicitPublicURL ?? "http://localhost:\(port)" }
        set { explicitPublicURL = newValue }
    }
    private var explicitPublicURL: String?
    /// `nil` means: use (or create) the development key ring in the data directory.
    public var encryptionKeys: Redacted<String>?
    public var role: Role
    public var requireHTTPS: Bool
    /// Socket peers whose `X-Forwarded-Proto` is believed: IP addresses or CIDR ranges.
    public var trustedProxies: [String]
    public var rateLimits: [PlotonEnvironment: RateLimitPolicy]
    public var allowPrivateNetwork: Bool
    public var maxBodyBytes: Int
    public var idempotencyTTL: TimeInterval
    /// How long a process trusts an API key it read (`PLOTON_KEY_CACHE_MS`; 0 = read it on every
    /// request); revoking a key waits this long before it returns (`KeyCache`).
    public var keyCacheMilliseconds = 1000
    public var tasks = TaskSettings()
    /// Seconds `serve` keeps answering after SIGTERM while `/ready` says 503, so a load balancer
    /// moves traffic away before the listener closes (`PLOTON_DRAIN_SECONDS`; 0 = stop at once).
    public var drainSeconds = 0
    /// A client connection with no bytes read or written for this long is closed
    /// (`PLOTON_HTTP_IDLE_TIMEOUT_SECONDS`), so idle or stalled clients cannot hold connections forever.
    public var httpIdleSeconds = 120
    /// Whether `serve` runs Swift concurrency's jobs on the NIO event loops, not the cooperative
    /// pool (`PLOTON_EVENT_LOOP_EXECUTOR`; `EventLoopExecutor`). Off by default: on PostgreSQL it cut
    /// the CPU a task and a delivery at moderate rates, but with it `RateLimitProcessTests`' four
    /// processes were allowed a fifth too few requests when run beside the other suites (session 35).
    public var eventLoopExecutor = false
    /// How long opening a PostgreSQL connection may take before the request gets a `503` (not a
    /// setting: tests on a loaded machine allow more, where a slow connect is no outage).
    public var databaseConnectSeconds: Int64 = 3
    /// When an embedded SQLite commit is on disk (`PLOTON_SQLITE_SYNCHRONOUS`).
    public var sqliteSynchronous = SQLiteSynchronous.normal
    /// Per built-in tool: `base_url`, `authorize_url`, `token_url`, `revoke_url` replacements
    /// (`PLOTON_TOOL_CRM_BASE_URL=…`), for staging providers and local test servers.
    public var toolOverrides: [String: [String: String]] = [:]
    public var weather = WeatherSettings()
    public var webhooks = WebhookSettings()
    public var outbound = OutboundSettings()
    /// OAuth client ids and secrets named by tool definitions (`client_id_env`, `client_secret_env`):
    /// every `*_CLIENT_ID` and `*_CLIENT_SECRET` variable.
    public var oauthClients: [String: Redacted<String>] = [:]
    /// Set when `PLOTON_LLM_BASE_URL` is: tasks are planned by that model instead of the embedded planner.
    public var llm: LLMSettings?
    /// Set when `PLOTON_METRICS=on`: `/metrics` answers scrapers that send this bearer token (`PLOTON_METRICS_TOKEN`).
    public var metricsToken: Redacted<String>?
    /// Set when an OTLP endpoint is (`OTEL_EXPORTER_OTLP_ENDPOINT`): traces are exported there.
    public var tracing: TracingSettings?

    public static let defaultDataDirectory = "./.ploton"

    public init(
        database: DatabaseConfig = .sqliteFile(path: "\(PlotonConfig.defaultDataDirectory)/ploton.sqlite"),
        dataDirectory: String = PlotonConfig.defaultDataDirectory,
        host: String = "127.0.0.1",
        port: Int = 8080,
        publicURL: String? = nil,
        encryptionKeys: Redacted<String>? = nil,
        role: Role = .all,
        requireHTTPS: Bool = false,
        trustedProxies: [String] = ["127.0.0.1", "::1"],
        rateLimits: [PlotonEnvironment: RateLimitPolicy] = [.live: .init(limit: 100), .test: .init(limit: 25)],
        allowPrivateNetwork: Bool = false,
        maxBodyBytes: Int = 1 << 20,
        idempotencyTTL: TimeInterval = 24 * 60 * 60
    ) {
        self.database = database
        self.dataDirectory = dataDirectory
        self.host = host
        self.port = port
        self.explicitPublicURL = publicURL
        self.encryptionKeys = encryptionKeys
        self.role = role
        self.requireHTTPS = requireHTTPS
        self.trustedProxies = trustedProxies
        self.rateLimits = rateLimits
        self.allowPrivateNetwork = allowPrivateNetwork
        self.maxBodyBytes = maxBodyBytes
        self.idempotencyTTL = idempotencyTTL
    }
}

/// Every problem found in the environment, reported together. Names variables, never their values.
public struct ConfigError: Error, CustomStringConvertible, Equatable {
    public var problems: [String]
    public var description: String { "Invalid configuration:\n" + problems.map { "  - \($0)" }.joined(separator: "\n") }
}

extension PlotonConfig {
    public static func load(from environment: [String: String]) throws(ConfigError) -> PlotonConfig {
        var config = PlotonConfig()
        var problems: [String] = []
        func value(_ name: String) -> String? {
            guard let raw = environment[name]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
            return raw
        }
        func bool(_ name: String) -> Bool? {
            guard let raw = value(name) else { return nil }
            switch raw.lowercased() {
            case "1", "true", "yes", "on": return true
            case "0", "false", "no", "off": return false
            default:
                problems.append("\(name) must be true or false")
                return nil
            }
        }
        func positiveInt(_ name: String, max: Int = Int.max) -> Int? {
            guard let raw = value(name) else { return nil }
            guard let number = Int(raw), number > 0, number <= max else {
                problems.append("\(name) must be a whole number from 1 to \(max)")
                return nil
            }
            return number
        }

        if let dir = value("PLOTON_DATA_DIR") { config.dataDirectory = dir }
        config.database = .sqliteFile(path: "\(config.dataDirectory)/ploton.sqlite")
        if let url = value("PLOTON_DATABASE_URL") {
            if let database = DatabaseConfig(url: url) {
                config.database = database
            } else {
                problems.append("PLOTON_DATABASE_URL must start with sqlite:// or postgres://")
            }
        }
        if let host = value("PLOTON_HOST") { config.host = host }
        if let port = positiveInt("PLOTON_PORT", max: 65535) { config.port = port }
        if let url = value("PLOTON_PUBLIC_URL") {
            if let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme ?? ""), parsed.host != nil {
                config.publicURL = url.hasSuffix("/") ? String(url.dropLast()) : url
            } else {
                problems.append("PLOTON_PUBLIC_URL must be an absolute http(s) URL")
            }
        }
        if let keys = value("PLOTON_ENCRYPTION_KEYS") {
            do {
                _ = try KeyRing(parsing: keys)
                config.encryptionKeys = Redacted(keys)
            } catch {
                problems.append("PLOTON_ENCRYPTION_KEYS is invalid: \(error)")
            }
        }
        if let role = value("PLOTON_ROLE") {
            if let parsed = Role(rawValue: role) {
                config.role = parsed
            } else {
                problems.append("PLOTON_ROLE must be one of api, worker, all")
            }
        }
        if let synchronous = value("PLOTON_SQLITE_SYNCHRONOUS") {
            if let parsed = SQLiteSynchronous(rawValue: synchronous) {
                config.sqliteSynchronous = parsed
            } else {
                problems.append("PLOTON_SQLITE_SYNCHRONOUS must be one of normal, full")
            }
        }
        if let require = bool("PLOTON_REQUIRE_HTTPS") { config.requireHTTPS = require }
        if let proxies = value("PLOTON_TRUSTED_PROXIES") {
            config.trustedProxies = proxies.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            if config.trustedProxies.contains(where: { IPNetwork($0) == nil }) {
                problems.append("PLOTON_TRUSTED_PROXIES must list IP addresses or CIDR ranges (10.0.0.0/8, fd00::/8), comma-separated")
            }
        }
        if let allow = bool("PLOTON_ALLOW_PRIVATE_NETWORK") { config.allowPrivateNetwork = allow }
        config.outbound = OutboundSettings.load(value, problems: &problems)
        for (environment, name) in [(PlotonEnvironment.live, "PLOTON_RATE_LIMIT_LIVE"), (.test, "PLOTON_RATE_LIMIT_TEST")] {
            if value(name)?.lowercased() == "off" {
                config.rateLimits[environment] = nil  // limited elsewhere (a gateway), or to measure what the limit costs
            } else if let limit = positiveInt(name, max: 1_000_000_000) {
                config.rateLimits[environment] = .init(limit: limit)
            }
        }
        if let drain = value("PLOTON_DRAIN_SECONDS") {
            if let seconds = Int(drain), (0...300).contains(seconds) {
                config.drainSeconds = seconds
            } else {
                problems.append("PLOTON_DRAIN_SECONDS must be a whole number from 0 to 300")
            }
        }
        if let idle = positiveInt("PLOTON_HTTP_IDLE_TIMEOUT_SECONDS", max: 3600) { config.httpIdleSeconds = idle }
        if let onLoops = bool("PLOTON_EVENT_LOOP_EXECUTOR") { config.eventLoopExecutor = onLoops }
        if let trust = value("PLOTON_KEY_CACHE_MS") {
            if let milliseconds = Int(trust), (0...10_000).contains(milliseconds) {
                config.keyCacheMilliseconds = milliseconds
            } else {
                problems.append("PLOTON_KEY_CACHE_MS must be a whole number from 0 to 10000")
            }
        }
        if let workers = positiveInt("PLOTON_WORKER_CONCURRENCY", max: 1000) { config.tasks.workerConcurrency = workers }
        if let inline = bool("PLOTON_TASK_RUN_AT_CREATE") { config.tasks.runsAtCreate = inline }
        if let caches = bool("PLOTON_PLAN_CACHE") { config.tasks.cachesPlans = caches }
        if let perAccount = positiveInt("PLOTON_ACCOUNT_CONCURRENCY", max: 100_000) { config.tasks.accountConcurrency = perAccount }
        if let lease = positiveInt("PLOTON_TASK_LEASE_SECONDS", max: 3600) { config.tasks.leaseSeconds = TimeInterval(lease) }
        if let crashes = positiveInt("PLOTON_TASK_MAX_CRASHES", max: 100) { config.tasks.maxCrashes = crashes }
        if let claim = positiveInt("PLOTON_TASK_MAX_CLAIM_SECONDS", max: 86_400) { config.tasks.maxClaimDuration = TimeInterval(claim) }
        if let ttl = positiveInt("PLOTON_WAITING_TTL_SECONDS", max: 10 * 365 * 86_400) { config.tasks.waitingTTL = TimeInterval(ttl) }
        if let timeout = positiveInt("PLOTON_WEBHOOK_TIMEOUT_SECONDS", max: 300) { config.webhooks.timeout = TimeInterval(timeout) }
        if let concurrency = positiveInt("PLOTON_WEBHOOK_CONCURRENCY", max: 4096) { config.webhooks.concurrency = concurrency }
        if let most = positiveInt("PLOTON_WEBHOOK_MAX_PER_DESTINATION", max: 1024) {
            config.webhooks.maxPerDestination = most
            config.webhooks.perDestination = min(config.webhooks.perDestination, most)
        }
        if let raw = value("PLOTON_WEBHOOK_RETRY_SCHEDULE") {
            let delays = raw.split(separator: ",").map { TimeInterval($0.trimmingCharacters(in: .whitespaces)) }
            if !delays.isEmpty, delays.count <= 20, delays.allSatisfy({ ($0 ?? 0) > 0 && ($0 ?? 0) <= 7 * 86_400 }) {
                config.webhooks.schedule = WebhookRetrySchedule(delays: delays.compactMap { $0 })
            } else {
                problems.append("PLOTON_WEBHOOK_RETRY_SCHEDULE must be 1 to 20 comma-separated waits in seconds (each up to 604800)")
            }
        }
        if let days = positiveInt("PLOTON_LOG_RETENTION_DAYS", max: 36500) { config.tasks.logRetention = TimeInterval(days) * 86_400 }
        for (name, keyPath) in [
            ("PLOTON_WEATHER_GEOCODING_URL", \WeatherSettings.geocodingURL), ("PLOTON_WEATHER_FORECAST_URL", \.forecastURL),
        ] {
            guard let url = value(name) else { continue }
            if let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme ?? ""), parsed.host != nil {
                config.weather[keyPath: keyPath] = url.hasSuffix("/") ? String(url.dropLast()) : url
            } else {
                problems.append("\(name) must be an absolute http(s) URL")
            }
        }

        if let url = value("PLOTON_LLM_BASE_URL") {
            if let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme ?? ""), parsed.host != nil {
                var llm = LLMSettings(baseURL: url.hasSuffix("/") ? String(url.dropLast()) : url)
                llm.apiKey = value("PLOTON_LLM_API_KEY").map(Redacted.init)
                if let model = value("PLOTON_LLM_MODEL") { llm.model = model }
                if let steps = positiveInt("PLOTON_LLM_MAX_STEPS", max: 100) { llm.maxSteps = steps }
                config.llm = llm
            } else {
                problems.append("PLOTON_LLM_BASE_URL must be an absolute http(s) URL")
            }
        }

        if bool("PLOTON_METRICS") == true {
            if let token = value("PLOTON_METRICS_TOKEN"), token.count >= 16 {
                config.metricsToken = Redacted(token)
            } else {
                problems.append("PLOTON_METRICS=on needs PLOTON_METRICS_TOKEN, at least 16 characters, for the scraper to send")
            }
        }

        config.tracing = TracingSettings.load(environment, problems: &problems)

        for (name, raw) in environment where name.hasSuffix("_CLIENT_ID") || name.hasSuffix("_CLIENT_SECRET") {
            let trimmed = raw.trimmingCharacters(in: .whitespaces)
            if !trimmed.isEmpty { config.oauthClients[name] = Redacted(trimmed) }
        }

        for (name, raw) in environment where name.hasPrefix("PLOTON_TOOL_") {
            let rest = name.dropFirst("PLOTON_TOOL_".count)
            guard let field = ["BASE_URL", "AUTHORIZE_URL", "TOKEN_URL", "REVOKE_URL"].first(where: { rest.hasSuffix("_" + $0) }) else {
                continue
            }
            let tool = rest.dropLast(field.count + 1).lowercased().replacingOccurrences(of: "_", with: "-")
            let url = raw.trimmingCharacters(in: .whitespaces)
            guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme ?? ""), parsed.host != nil else {
                problems.append("\(name) must be an absolute http(s) URL")
                continue
            }
            config.toolOverrides[tool, default: [:]][field.lowercased()] = url.hasSuffix("/") ? String(url.dropLast()) : url
        }

        guard problems.isEmpty else { throw ConfigError(problems: problems) }
        return config
    }
}
