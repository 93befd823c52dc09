import PlotonCore
import Vapor

/// The long-lived collaborators of the server, built once in `configure`.
struct PlotonServices: Sendable {
    var config: PlotonConfig
    var secretBox: SecretBox
    /// In this process's memory on SQLite; shared by all processes (PostgreSQL buckets) on PostgreSQL.
    var rateLimiter: any RateLimiting
    var clock: Clock
    var catalog: ToolCatalog
    var planner: any Planner
    var executor: any ToolExecutor
    /// Outbound HTTP for definition-driven tools (custom, and built-ins other than weather).
    var outbound: OutboundHTTP
    /// Built-in tools run live by the generic executor, with configured URL overrides applied.
    var liveDefinitions: [String: ToolDefinition]
    /// Signalled when work arrives, so idle workers start at once.
    var wakeUp: WakeUp
    /// Signalled when webhook deliveries may be due (a task ran, a redelivery was asked for).
    var webhookWakeUp: WakeUp
    /// Webhook outbox rows written by this process's task runs, for its dispatcher.
    var webhookHandoff = WebhookHandoff()
    /// This process's task slots, shared by its worker and the tasks creates start at once.
    var engineSlots = EngineSlots()
    /// Task creates and runs' leased writes, committed together in batches.
    var groupCommit = GroupCommit()
    /// Accounts whose `last_claimed_at` this process wrote in the last second (`ServedAccounts`).
    var servedAccounts = ServedAccounts()
    /// The pacing windows open now, read at most once a second (`OpenPacingWindows`).
    var openPacingWindows = OpenPacingWindows()
    /// The embedded planner's workflows for prompts many tasks share (`PlanCache`).
    var plans: PlanCache
    /// Results of runs at a create that repeat an earlier one's plan and outputs (`ShapedResults`).
    var shapedResults = ShapedResults()
    /// Active API keys this process read in the last moment (`KeyCache`).
    var keys: KeyCache
    /// Bodies of final tasks this process served (`FinishedTaskBodies`).
    var finishedTasks = FinishedTaskBodies()
}

extension Application {
    private struct ServicesKey: StorageKey { typealias Value = PlotonServices }

    var ploton: PlotonServices {
        get {
            guard let services = storage[ServicesKey.self] else { fatalError("configure(_:config:) has not run") }
            return services
        }
        set { storage[ServicesKey.self] = newValue }
    }
}

extension Request {
    var ploton: PlotonServices { application.ploton }
    var now: Date { application.ploton.clock.now() }
}
