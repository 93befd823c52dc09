import Fluent
import Foundation
import PlotonCore
import PlotonTestSupport
import Testing

@testable import PlotonServer

/// A running dispatcher's requests in flight to one URL, as a local receiver counts them: they grow
/// past the starting 4 while the receiver is healthy, never past `maxPerDestination`, and a burst
/// of 5xx answers cuts them.
@Suite struct WebhookConcurrencyTests {
    @Test func requests_in_flight_grow_to_the_cap_while_healthy_and_a_burst_of_5xx_cuts_them() async throws {
        let receiver = try await WebhookReceiver.start()
        let requests = RequestsInProgress()
        do {
            try await withPloton({ config in
                config.allowPrivateNetwork = true
                config.webhooks.maxPerDestination = 12
            }) { t async throws in
                let settings = t.app.ploton.config.webhooks
                #expect(settings.perDestination == 4 && settings.maxPerDestination == 12)
                let url = receiver.url("hooks")
                receiver.script("hooks", [.init(200, hold: { _ in await requests.handle() })])
                try await FairClaimsTests.backlog(of: 0, tasksFor: t.accountID, deliveriesTo: url, count: 3_000, t)
                let dispatcher = WebhookDispatcher(database: t.db, services: t.app.ploton, logger: t.app.logger)
                let loop = Task { await dispatcher.run() }

                // Healthy answers raise the URL's limit from 4 to the cap; then each request is held
                // until as many are in flight as the cap allows, and all answer together.
                try await eventually("the limit grows to the cap") { dispatcher.destinationLimit(url) == 12 }
                await requests.gather(12)
                try await eventually("three rounds of 12 requests in flight at once") { await requests.rounds >= 3 }
                #expect(await requests.peak == 12, "past 4, never past the cap")
                // None waited for a connection in the HTTP client's pool until it timed out: the
                // client keeps as many connections per host as the cap (its own default is 8).
                let unanswered = try await WebhookDelivery.query(on: t.db).filter(\.$url == url)
                    .filter(\.$attemptedAt != nil).filter(\.$statusCode != 200).count()
                #expect(unanswered == 0, "every attempt so far answered 200")

                // A burst of 503s halves the limit per round of failures; held again, the requests in
                // flight are as few as the limit now allows.
                receiver.script("hooks", [.init(503, hold: { _ in await requests.handle() })])
                await requests.gather(nil)
                try await eventually("the 503s cut the limit") { dispatcher.destinationLimit(url) <= 2 }
                // The dispatcher stops (keeping its limits) until the receiver holds again: a request sent
                // before the cut and still on its way would be held too, and counted as one the cut let through.
                loop.cancel()
                await loop.value
                try await eventually("no request left at the receiver") { await requests.inProgress == 0 }
                let cut = dispatcher.destinationLimit(url)
                receiver.script("hooks", [.init(200, hold: { _ in await requests.handle() })])
                await requests.gather(.max)  // held until released: no answer raises the limit again
                let resumed = Task { await dispatcher.run() }
                try await eventually("as many requests in flight as the cut limit") { await requests.inProgress == cut }
                #expect(cut <= 2 && dispatcher.destinationLimit(url) == cut)

                await requests.gather(nil)
                resumed.cancel()
                await resumed.value
            }
        } catch {
            await requests.gather(nil)
            try await receiver.stop()
            throw error
        }
        try await receiver.stop()
    }
}

/// A receiver's requests in progress and their most at once. While gathering `size`, each request
/// waits until `size` are in progress, then they all answer together (a round).
private actor RequestsInProgress {
    private(set) var inProgress = 0
    private(set) var peak = 0
    private(set) var rounds = 0
    private var size: Int?
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func handle() async {
        inProgress += 1
        peak = max(peak, inProgress)
        if let size {
            if inProgress >= size {
                rounds += 1
                releaseAll()
            } else {
                await withCheckedContinuation { waiting.append($0) }
            }
        }
        inProgress -= 1
    }

    /// nil: answer at once, and release those waiting.
    func gather(_ size: Int?) {
        self.size = size
        if size == nil { releaseAll() }
    }

    private func releaseAll() {
        waiting.forEach { $0.resume() }
        waiting = []
    }
}
