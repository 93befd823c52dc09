import Foundation
import Synchronization
import Vapor

/// A local webhook receiver: `POST /hooks/{name}` answers with the scripted replies for that name,
/// in order (the last one repeats; 200 when none), and every delivery is recorded by FakeService.
public final class WebhookReceiver: Sendable {
    public struct Reply: Sendable {
        public var status: Int
        public var headers: [String: String]
        /// Held before answering (a slow receiver).
        public var delay: Duration?
        /// Called with the request's headers before answering; the reply waits for it (tests use it to hold a receiver).
        public var hold: (@Sendable ([String: String]) async -> Void)?

        public init(
            _ status: Int, headers: [String: String] = [:], delay: Duration? = nil,
            hold: (@Sendable ([String: String]) async -> Void)? = nil
        ) {
            self.status = status
            self.headers = headers
            self.delay = delay
            self.hold = hold
        }
    }

    final class Script: Sendable {
        let replies = Mutex<[String: [Reply]]>([:])
        func next(_ name: String) -> Reply {
            replies.withLock { all in
                guard var queue = all[name], let first = queue.first else { return Reply(200) }
                if queue.count > 1 { queue.removeFirst() }
                all[name] = queue
                return first
            }
        }
    }

    public let service: FakeService
    private let script: Script

    /// `tls`: served over HTTPS with it.
    public static func start(tls: TLSConfiguration? = nil) async throws -> WebhookReceiver {
        let script = Script()
        let service = try await FakeService.start(tls: tls) { app in
            app.post("hooks", ":name") { req async throws -> Response in
                let reply = script.next(req.parameters.get("name") ?? "")
                if let delay = reply.delay { try await Task.sleep(for: delay) }
                if let hold = reply.hold {
                    await hold(Dictionary(req.headers.map { ($0.name.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first }))
                }
                var headers = HTTPHeaders()
                for (name, value) in reply.headers { headers.add(name: name, value: value) }
                return Response(status: HTTPStatus(statusCode: reply.status), headers: headers)
            }
            app.get("elsewhere") { _ in "moved here" }
            app.post("elsewhere") { _ in "moved here" }
        }
        return WebhookReceiver(service: service, script: script)
    }

    private init(service: FakeService, script: Script) {
        self.service = service
        self.script = script
    }

    public func url(_ name: String) -> String { "\(service.baseURL)/hooks/\(name)" }

    /// How `name` answers from now on.
    public func script(_ name: String, _ replies: [Reply]) { script.replies.withLock { $0[name] = replies } }

    /// The deliveries `name` received, in order.
    public func deliveries(_ name: String) -> [FakeService.Received] { service.received.filter { $0.path == "/hooks/\(name)" } }

    public func stop() async throws { try await service.stop() }
}
