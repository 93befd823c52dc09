import Foundation
import Instrumentation
import NIOHTTP1
import PlotonCore
import Synchronization
import Tracing

/// The spans of a task's life, each made at its seam with one call: the API request
/// (`RequestTracingMiddleware`), the queue wait and the run (`TaskWorker`), planning and each step
/// (`TaskEngine`), each outbound HTTP call (`OutboundHTTP`) and each webhook attempt
/// (`WebhookDeliverer`). The request's context is stored with the task as a W3C `traceparent`, so
/// the worker (in another process, or after a restart) continues the same trace. With tracing off
/// every call is the body alone.
enum PlotonTracing {
    static let isOn = Atomic(false)

    static var enabled: Bool { isOn.load(ordering: .relaxed) }

    /// The current span as a `traceparent`, to store with a task; nil with tracing off.
    static func currentTraceparent() -> String? {
        guard enabled, let context = ServiceContext.current else { return nil }
        var carrier: [String: String] = [:]
        InstrumentationSystem.instrument.inject(context, into: &carrier, using: DictionaryInjector())
        return carrier["traceparent"]
    }

    /// The trace id of a stored `traceparent` (`00-<trace id>-<span id>-<flags>`).
    static func traceID(of traceparent: String?) -> String? {
        guard let parts = traceparent?.split(separator: "-"), parts.count == 4, parts[1].count == 32 else { return nil }
        return String(parts[1])
    }

    /// A claimed task's run, a child of its request's span; on the first claim, preceded by the
    /// time it waited in the queue.
    static func run<T>(_ task: AgentTask?, claim: Int, _ body: () async throws -> T) async rethrows -> T {
        guard enabled, let task else { return try await body() }
        var parent = ServiceContext.topLevel
        if let stored = task.traceContext {
            InstrumentationSystem.instrument.extract(["traceparent": stored], into: &parent, using: DictionaryExtractor())
        }
        if claim == 1 {
            let queued = startSpan("task.queued", at: EpochInstant(task.createdAt), context: parent, ofKind: .consumer)
            queued.attributes["ploton.task_id"] = task.id
            queued.end()
        }
        return try await withSpan("task.run", context: parent) { span in
            span.attributes["ploton.task_id"] = task.id
            span.attributes["ploton.claim"] = claim
            return try await body()
        }
    }

    static func planning<T>(_ body: () async throws -> T) async rethrows -> T {
        guard enabled else { return try await body() }
        return try await withSpan("task.plan") { _ in try await body() }
    }

    static func step<T>(_ index: Int, tool: String, capability: String, _ body: () async throws -> T) async rethrows -> T {
        guard enabled else { return try await body() }
        return try await withSpan("step \(tool).\(capability)") { span in
            span.attributes["ploton.step"] = index
            span.attributes["ploton.tool"] = tool
            span.attributes["ploton.capability"] = capability
            return try await body()
        }
    }

    /// An outbound request as a client span, its context sent to the peer as `traceparent`. The
    /// span names the host and path, never the query (which may carry credentials).
    static func outbound(
        _ method: HTTPMethod, _ url: String, headers: HTTPHeaders, _ send: (HTTPHeaders) async throws -> OutboundHTTP.Reply
    ) async throws -> OutboundHTTP.Reply {
        guard enabled else { return try await send(headers) }
        return try await withSpan(method.rawValue, ofKind: .client) { span in
            let parsed = URL(string: url)
            span.attributes["http.request.method"] = method.rawValue
            span.attributes["server.address"] = parsed?.host
            span.attributes["url.path"] = parsed?.path
            var headers = headers
            InstrumentationSystem.instrument.inject(span.context, into: &headers, using: HTTPHeadersInjector())
            let reply = try await send(headers)
            span.attributes["http.response.status_code"] = reply.status
            if reply.status >= 400 { span.setStatus(SpanStatus(code: .error)) }
            return reply
        }
    }

    /// A webhook attempt, in the trace of the task its event is about.
    static func webhookAttempt(_ attempt: WebhookAttempt, _ body: () async -> WebhookResult) async -> WebhookResult {
        guard enabled else { return await body() }
        var parent = ServiceContext.topLevel
        if let stored = attempt.traceparent {
            InstrumentationSystem.instrument.extract(["traceparent": stored], into: &parent, using: DictionaryExtractor())
        }
        return await withSpan("webhook.attempt", context: parent) { span in
            span.attributes["ploton.event_id"] = attempt.delivery.event_id
            span.attributes["ploton.webhook.attempt"] = attempt.delivery.attempt
            let result = await body()
            span.attributes["http.response.status_code"] = result.outcome.statusCode
            if !result.outcome.succeeded { span.setStatus(SpanStatus(code: .error)) }
            return result
        }
    }
}

/// A point in time given as a date (a task's acceptance), for spans that began before they were made.
private struct EpochInstant: TracerInstant {
    let nanosecondsSinceEpoch: UInt64

    init(_ date: Date) {
        nanosecondsSinceEpoch = UInt64(max(0, date.timeIntervalSince1970 * 1e9))
    }

    static func < (lhs: Self, rhs: Self) -> Bool { lhs.nanosecondsSinceEpoch < rhs.nanosecondsSinceEpoch }
}
