import Foundation
import PlotonCore
import Testing

@testable import PlotonServer

@Suite struct ConfigTests {
    @Test func defaults_match_the_documented_table() throws {
        let config = try PlotonConfig.load(from: [:])
        #expect(config.database == .sqliteFile(path: "./.ploton/ploton.sqlite"))
        #expect(config.dataDirectory == "./.ploton")
        #expect(config.host == "127.0.0.1" && config.port == 8080)
        #expect(config.publicURL == "http://localhost:8080")
        #expect(try PlotonConfig.load(from: ["PLOTON_PORT": "9123"]).publicURL == "http://localhost:9123", "follows the port")
        var flagged = config
        flagged.port = 9124  // serve --port
        #expect(flagged.publicURL == "http://localhost:9124")
        #expect(config.encryptionKeys == nil)
        #expect(config.role == .all)
        #expect(config.requireHTTPS == false)
        #expect(config.allowPrivateNetwork == false)
        #expect(config.rateLimits[.live]?.limit == 100 && config.rateLimits[.test]?.limit == 25)
        #expect(config.llm == nil, "the embedded planner")
        #expect(config.webhooks.timeout == 30 && config.webhooks.schedule.delays == [30, 300, 1_800, 7_200, 21_600, 54_000])
    }

    @Test func jobs_run_on_the_event_loops_only_when_asked() throws {
        #expect(try PlotonConfig.load(from: [:]).eventLoopExecutor == false, "the cooperative pool")
        #expect(try PlotonConfig.load(from: ["PLOTON_EVENT_LOOP_EXECUTOR": "on"]).eventLoopExecutor == true)
        #expect(throws: ConfigError.self) { try PlotonConfig.load(from: ["PLOTON_EVENT_LOOP_EXECUTOR": "sometimes"]) }
    }

    @Test func llm_and_webhook_settings_are_read_and_checked() throws {
        let config = try PlotonConfig.load(from: [
            "PLOTON_LLM_BASE_URL": "http://localhost:11434/v1/", "PLOTON_LLM_API_KEY": "sk-live-abc", "PLOTON_LLM_MAX_STEPS": "4",
            "PLOTON_WEBHOOK_TIMEOUT_SECONDS": "5", "PLOTON_WEBHOOK_RETRY_SCHEDULE": "1, 2,3",
        ])
        #expect(config.llm?.baseURL == "http://localhost:11434/v1" && config.llm?.model == LLMSettings.defaultModel)
        #expect(config.llm?.maxSteps == 4 && config.llm?.apiKey?.value == "sk-live-abc")
        #expect(config.webhooks.timeout == 5 && config.webhooks.schedule.delays == [1, 2, 3])
        #expect(throws: ConfigError.self) { try PlotonConfig.load(from: ["PLOTON_WEBHOOK_RETRY_SCHEDULE": "1,soon"]) }
        #expect(throws: ConfigError.self) { try PlotonConfig.load(from: ["PLOTON_LLM_BASE_URL": "localhost:11434"]) }
    }

    @Test func variables_override_defaults() throws {
        let config = try PlotonConfig.load(from: [
            "PLOTON_DATA_DIR": "/var/lib/ploton", "PLOTON_HOST": "0.0.0.0", "PLOTON_PORT": "9000",
            "PLOTON_PUBLIC_URL": "https://ploton.example.com/", "PLOTON_ROLE": "worker", "PLOTON_REQUIRE_HTTPS": "true",
            "PLOTON_RATE_LIMIT_LIVE": "7", "PLOTON_RATE_LIMIT_TEST": "off", "PLOTON_ALLOW_PRIVATE_NETWORK": "1",
            "PLOTON_ENCRYPTION_KEYS": "k1:" + Data(count: 32).base64EncodedString(),
        ])
        #expect(config.database == .sqliteFile(path: "/var/lib/ploton/ploton.sqlite"))
        #expect(config.host == "0.0.0.0" && config.port == 9000)
        #expect(config.publicURL == "https://ploton.example.com")
        #expect(config.role == .worker && config.requireHTTPS && config.allowPrivateNetwork)
        #expect(config.rateLimits[.live]?.limit == 7)
        #expect(config.rateLimits[.test] == nil, "off: no limit")
        #expect(config.encryptionKeys != nil)
        let postgres = try PlotonConfig.load(from: ["PLOTON_DATABASE_URL": "postgres://u:hunter2@db:5432/p"])
        #expect(postgres.database.isPostgres)
        #expect(!"\(postgres.database)".contains("hunter2"))
    }

    @Test func every_problem_is_reported_naming_the_variable_only() {
        let secret = Data(count: 8).base64EncodedString()
        do {
            _ = try PlotonConfig.load(from: [
                "PLOTON_DATABASE_URL": "mysql://x", "PLOTON_PORT": "99999", "PLOTON_ROLE": "boss",
                "PLOTON_REQUIRE_HTTPS": "maybe", "PLOTON_ENCRYPTION_KEYS": "k1:\(secret)", "PLOTON_PUBLIC_URL": "not a url",
            ])
            Issue.record("expected a configuration error")
        } catch {
            #expect(error.problems.count == 6)
            let text = "\(error)"
            for name in [
                "PLOTON_DATABASE_URL", "PLOTON_PORT", "PLOTON_ROLE", "PLOTON_REQUIRE_HTTPS", "PLOTON_ENCRYPTION_KEYS", "PLOTON_PUBLIC_URL",
            ] {
                #expect(text.contains(name))
            }
            #expect(!text.contains(secret))
        }
    }

    @Test func dot_env_files_fill_in_what_the_environment_does_not_set() throws {
        let parsed = DotEnv.parse(
            """
            # comment
            PLOTON_PORT=9001
            export PLOTON_HOST="0.0.0.0"
            PLOTON_PUBLIC_URL='https://x.example'
            NOT A LINE
            """)
        #expect(parsed == ["PLOTON_PORT": "9001", "PLOTON_HOST": "0.0.0.0", "PLOTON_PUBLIC_URL": "https://x.example"])
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "PLOTON_PORT=9001\nPLOTON_HOST=0.0.0.0\n".write(to: directory.appendingPathComponent(".env"), atomically: true, encoding: .utf8)
        let merged = DotEnv.environment(["PLOTON_PORT": "9002"], directory: directory.path)
        #expect(merged["PLOTON_PORT"] == "9002")
        #expect(merged["PLOTON_HOST"] == "0.0.0.0")
    }

    @Test func database_urls_parse() {
        #expect(DatabaseConfig(url: "sqlite://:memory:") == .sqliteMemory)
        #expect(DatabaseConfig(url: "sqlite:///tmp/x.sqlite") == .sqliteFile(path: "/tmp/x.sqlite"))
        #expect(DatabaseConfig(url: "postgresql://h/db")?.isPostgres == true)
        #expect(DatabaseConfig(url: "sqlite://") == nil)
        #expect(DatabaseConfig(url: "http://x") == nil)
    }
}
