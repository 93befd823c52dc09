import Foundation
import PlotonCore

/// How tasks are queued, run and kept.
public struct TaskSettings: Sendable {
    /// Tasks one process runs at once (`PLOTON_WORKER_CONCURRENCY`).
    public var workerConcurrency = 32
    /// How long a create waits for one of this process's task slots, when every one is taken or the
    /// worker is claiming a backlog, before it queues its task instead (`EngineSlots`): long enough
    /// for a claim in flight and for the worker to take a saturated account's queued tasks, short
    /// next to a request's timeout.
    public var createSlotWait: TimeInterval = 0.25
    /// How long a create goes on waiting while slots keep coming free and nothing is queued
    /// (`EngineSlots`): at saturation it answers later rather than queue its task on a costlier path.
    public var createSlotPatience: TimeInterval = 5
    /// Running tasks per account across all processes; more stay `pending` (`PLOTON_ACCOUNT_CONCURRENCY`).
    public var accountConcurrency = 10
    /// How long a claim lasts without renewal; a crashed worker's tasks resume after it (`PLOTON_TASK_LEASE_SECONDS`).
    public var leaseSeconds: TimeInterval = 30
    /// Claims of one task that may end with its worker lost (the process crashed or was killed, or the claim overran
    /// `maxClaimDuration`); the claim that finds the last of them fails the task with `worker_crashed` (`PLOTON_TASK_MAX_CRASHES`).
    public var maxCrashes = 3
    /// The longest one claim may run before the worker gives the task up as lost (`PLOTON_TASK_MAX_CLAIM_SECONDS`).
    public var maxClaimDuration: TimeInterval = 900
    /// How long a task may wait for consent, input or approval before it fails (`PLOTON_WAITING_TTL_SECONDS`).
    public var waitingTTL: TimeInterval = 7 * 86_400
    /// How long step logs and events of finished tasks are kept (`PLOTON_LOG_RETENTION_DAYS`).
    public var logRetention: TimeInterval = 90 * 86_400
    /// Attempts per step for retryable failures, and the first backoff (doubling, with jitter).
    public var maxStepAttempts = 3
    public var retryBaseDelay: TimeInterval = 0.5
    /// The longest a step waits for a service's `Retry-After` before giving up.
    public var maxRetryDelay: TimeInterval = 30
    /// When the worker looks for work without being woken (expired leases, waiting expiry).
    public var pollInterval: TimeInterval = 1
    /// How often each worker folds finished steps into execution memory (`ToolMemoryRollup`), between
    /// upkeeps too: a few seconds' steps a fold.
    public var memoryFoldInterval: TimeInterval = 5
    /// Whether `serve` runs workers in this process; tests drive them by hand.
    public var runsWorkers = true
    /// Whether a simple sandbox task runs inside its create and commits complete with it
    /// (`PLOTON_TASK_RUN_AT_CREATE`; off: every task is stored first and run after, as before).
    public var runsAtCreate = true
    /// Whether the embedded planner's workflows are kept for prompts seen again (`PLOTON_PLAN_CACHE`, `PlanCache`).
    public var cachesPlans = true

    public init() {}
}

/// Where the live `weather` tool finds Open-Meteo.
public struct WeatherSettings: Sendable {
    public var geocodingURL = "https://geocoding-api.open-meteo.com"
    public var forecastURL = "https://api.open-meteo.com"

    public init() {}
}

/// The LLM planner's model endpoint (`PLOTON_LLM_*`); absent = the embedded planner.
public struct LLMSettings: Sendable {
    /// Base URL of an OpenAI-compatible API, without `/chat/completions` (`https://api.openai.com/v1`).
    public var baseURL: String
    public var apiKey: Redacted<String>?
    public var model: String
    /// Steps one task may run before the model is taken not to terminate (`PLOTON_LLM_MAX_STEPS`).
    public var maxSteps: Int
    /// How long one model call may take.
    public var timeout: TimeInterval
    /// The first wait before calling the model again after a 429, 5xx or connection error (doubling).
    public var retryDelay: TimeInterval

    public static let defaultModel = "gpt-4o-mini"

    public init(
        baseURL: String, apiKey: Redacted<String>? = nil, model: String = LLMSettings.defaultModel, maxSteps: Int = 10,
        timeout: TimeInterval = 60,
        retryDelay: TimeInterval = 0.5
    ) {
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.model = model
        self.maxSteps = maxSteps
        self.timeout = timeout
        self.retryDelay = retryDelay
    }
}
