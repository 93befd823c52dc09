import Fluent
import Foundation
import PlotonCore
import PlotonTestSupport
import Synchronization
import Testing

@testable import PlotonServer

/// Deliveries with the destination policy on (`PLOTON_ALLOW_PRIVATE_NETWORK=false`): a receiver
/// named through `PLOTON_OUTBOUND_HOSTS` in a network `PLOTON_OUTBOUND_ALLOWED_NETWORKS` lets
/// through, over kept connections; the same name without the allowance is refused, not retried.
@Suite(.serialized) struct WebhookProductionPathTests {
    /// The receiver presents a self-signed certificate for its name, which Ploton trusts through
    /// `PLOTON_OUTBOUND_CA_FILE` or not.
    enum HTTPS { case trusted, untrusted }

    /// `https`: the receiver serves HTTPS.
    func withNamedReceiver(
        allowed: [String], https: HTTPS? = nil, _ body: (TestApp, WebhookReceiver, _ url: String) async throws -> Void
    ) async throws {
        let certificate = try https.map { _ in try SelfSignedCertificate.make(host: "hooks.test") }
        let receiver = try await WebhookReceiver.start(tls: try certificate?.serverConfiguration())
        let port = try #require(URL(string: receiver.service.baseURL)?.port)
        do {
            try await withPloton({ config in
                config.allowPrivateNetwork = false
                config.outbound.hosts = ["hooks.test": "127.0.0.1"]
                config.outbound.allowedNetworks = allowed.compactMap(IPNetwork.init)
                // Kept well past the gap between the two tasks on a busy test machine.
                config.outbound.idleSeconds = 120
                if https == .trusted { config.outbound.trustedCertificatesFile = certificate?.certificateFile }
                // The HTTP client tries a refused handshake again until the attempt's timeout.
                if https == .untrusted { config.webhooks.timeout = 1 }
            }) { t async throws in try await body(t, receiver, "\(certificate == nil ? "http" : "https")://hooks.test:\(port)/hooks/a") }
        } catch {
            try await receiver.stop()
            throw error
        }
        try await receiver.stop()
    }

    func runTask(_ t: TestApp) async throws {
        _ = try await t.createTask(#"{"prompt":"\#(TasksTests.example1)"}"#)
        try await t.drain()
        try await WebhookDispatcher(database: t.db, services: t.app.ploton, logger: t.app.logger).runOnce()
    }

    @Test func an_allowed_named_receiver_gets_every_event_over_one_kept_connection() async throws {
        try await withNamedReceiver(allowed: ["127.0.0.1/32"]) { t, receiver, url in
            let created = try await t.send(.POST, "v1/webhook_endpoints", key: t.testKey, json: #"{"url":"\#(url)"}"#)
            #expect(created.status == .created, "\(created.body.string)")
            try await runTask(t)
            try await runTask(t)
            let deliveries = receiver.deliveries("a")
            let events = try await TaskEvent.query(on: t.db).count()
            #expect(deliveries.count == events && events >= 4)
            // One task's events go one after another, and the next task's reuse the connection.
            #expect(Set(deliveries.compactMap(\.peer)).count == 1, "\(deliveries.compactMap(\.peer))")
            #expect(try await WebhookDelivery.query(on: t.db).filter(\.$status != .succeeded).count() == 0)
        }
    }

    @Test func an_https_receiver_trusted_through_the_setting_gets_every_event_over_one_kept_connection() async throws {
        try await withNamedReceiver(allowed: ["127.0.0.1/32"], https: .trusted) { t, receiver, url in
            let created = try await t.send(.POST, "v1/webhook_endpoints", key: t.testKey, json: #"{"url":"\#(url)"}"#)
            #expect(created.status == .created, "\(created.body.string)")
            try await runTask(t)
            try await runTask(t)
            let deliveries = receiver.deliveries("a")
            #expect(deliveries.count == (try await TaskEvent.query(on: t.db).count()) && deliveries.count >= 4)
            #expect(Set(deliveries.compactMap(\.peer)).count == 1, "one TLS connection: \(deliveries.compactMap(\.peer))")
            #expect(try await WebhookDelivery.query(on: t.db).filter(\.$status != .succeeded).count() == 0)
        }
    }

    @Test func an_https_receiver_whose_certificate_is_not_trusted_gets_nothing_and_is_retried() async throws {
        try await withNamedReceiver(allowed: ["127.0.0.1/32"], https: .untrusted) { t, receiver, url in
            let created = try await t.send(.POST, "v1/webhook_endpoints", key: t.testKey, json: #"{"url":"\#(url)"}"#)
            #expect(created.status == .created)
            try await runTask(t)
            #expect(receiver.deliveries("a").isEmpty)
            let attempts = try await WebhookDelivery.query(on: t.db).filter(\.$attempt == 1).all()
            #expect(
                !attempts.isEmpty && attempts.allSatisfy { $0.status == .failed && $0.nextAttemptAt != nil },
                "a certificate error is retried")
        }
    }

    @Test func the_same_name_outside_the_allowed_networks_is_refused_and_not_retried() async throws {
        try await withNamedReceiver(allowed: ["10.0.0.0/8"]) { t, receiver, url in
            let created = try await t.send(.POST, "v1/webhook_endpoints", key: t.testKey, json: #"{"url":"\#(url)"}"#)
            #expect(created.status == .created, "a name is checked when it is resolved, at each delivery")
            try await runTask(t)
            #expect(receiver.deliveries("a").isEmpty)
            let attempts = try await WebhookDelivery.query(on: t.db).all()
            #expect(!attempts.isEmpty && attempts.allSatisfy { $0.status == .failed && $0.nextAttemptAt == nil })
            #expect(attempts.first?.error?.contains("loopback") == true, "\(attempts.first?.error ?? "")")
        }
    }

    @Test func a_literal_address_in_an_allowed_network_may_be_registered() async throws {
        try await withNamedReceiver(allowed: ["127.0.0.1/32"]) { t, _, _ in
            let allowed = try await t.send(.POST, "v1/webhook_endpoints", key: t.testKey, json: #"{"url":"http://127.0.0.1:9/hook"}"#)
            #expect(allowed.status == .created)
            let refused = try await t.send(.POST, "v1/webhook_endpoints", key: t.testKey, json: #"{"url":"http://127.0.0.2:9/hook"}"#)
            #expect(refused.status == .unprocessableEntity)
        }
    }

    @Test func resolved_addresses_are_kept_for_the_cache_time_and_checked_on_every_use() async throws {
        let lookups = LockedCounter()
        var settings = OutboundSettings()
        let resolver = OutboundResolver(settings: settings) { _ in
            lookups.increment()
            return .init(addresses: ["127.0.0.1"], ttl: 3600)
        }
        for _ in 0..<3 {
            await #expect(throws: ToolFailure.self) {
                try await NetworkPolicy.check(url: "http://a.example/", allowPrivate: false, resolver: resolver)
            }
        }
        #expect(lookups.value == 1, "one lookup while the answer is fresh; each use still refused")
        settings.dnsCacheSeconds = 0
        let uncached = OutboundResolver(settings: settings) { _ in
            lookups.increment()
            return .init(addresses: ["93.184.215.14"], ttl: 3600)
        }
        for _ in 0..<2 {
            #expect(
                try await NetworkPolicy.check(url: "http://b.example/", allowPrivate: false, resolver: uncached)?.address == "93.184.215.14"
            )
        }
        #expect(lookups.value == 3)
    }

    /// An answer is kept for its DNS TTL when that is shorter than the setting: with a TTL of 0,
    /// a changed answer (now a refused address) is seen by the very next request.
    @Test func an_answer_is_kept_no_longer_than_its_ttl_and_rechecked_when_it_changes() async throws {
        let answers = Mutex<[OutboundResolver.Answer]>([
            .init(addresses: ["93.184.215.14"], ttl: 0), .init(addresses: ["10.0.0.7"], ttl: 0),
            .init(addresses: ["93.184.215.15"], ttl: 60),
        ])
        let resolver = OutboundResolver(settings: OutboundSettings()) { _ in answers.withLock { $0.removeFirst() } }
        #expect(
            try await NetworkPolicy.check(url: "https://c.example/", allowPrivate: false, resolver: resolver)?.address == "93.184.215.14")
        await #expect(throws: ToolFailure.self, "the next answer, a private address, is refused") {
            try await NetworkPolicy.check(url: "https://c.example/", allowPrivate: false, resolver: resolver)
        }
        for _ in 0..<2 {
            #expect(
                try await NetworkPolicy.check(url: "https://c.example/", allowPrivate: false, resolver: resolver)?.address
                    == "93.184.215.15")
        }
        #expect(answers.withLock { $0.isEmpty }, "a 60 s answer is kept within the 30 s setting")
    }
}

private final class LockedCounter: Sendable {
    private let count = Mutex(0)
    func increment() { count.withLock { $0 += 1 } }
    var value: Int { count.withLock { $0 } }

    /// A name server that does not answer holds each lookup for its timeout. The lookups block
    /// their threads, so they must not be the cooperative pool's (one per core): with as many slow
    /// lookups as cores, other work of the process still runs. Broken, this test's own code could
    /// not run until the watchdog lets the lookups go (after 3 minutes), and then fails.
    @Test func slow_name_lookups_do_not_hold_up_other_work() async throws {
        let width = min(ProcessInfo.processInfo.activeProcessorCount, BlockingLookups.threads)
        let gate = DispatchSemaphore(value: 0)
        let entered = LockedCounter()
        let resolver = OutboundResolver(settings: OutboundSettings()) { _ in
            entered.increment()
            gate.wait()
            return .init(addresses: ["93.184.215.14"])
        }
        let released = Atomic<Bool>(false)
        let watchdog = DispatchWorkItem {
            released.store(true, ordering: .relaxed)
            for _ in 0..<width { gate.signal() }
        }
        // Long: the whole suite's CPU-bound tests can hold this test's own code (and its lookups'
        // tasks) up for more than a minute; the full suites of session 10 timed out at 60 s here.
        DispatchQueue.global().asyncAfter(deadline: .now() + 300, execute: watchdog)
        let lookups = (0..<width).map { index in
            Task { try await NetworkPolicy.check(url: "http://slow\(index).example/", allowPrivate: false, resolver: resolver) }
        }
        try await eventually("every lookup waits on the name server", timeout: .seconds(240)) { entered.value == width }
        let other = await Task { (1...100).reduce(0, +) }.value
        #expect(other == 5050 && !released.load(ordering: .relaxed), "other work ran while the lookups waited")
        watchdog.cancel()
        if !released.load(ordering: .relaxed) { for _ in 0..<width { gate.signal() } }
        for lookup in lookups { #expect(try await lookup.value?.address == "93.184.215.14") }
    }
}
