import Foundation
import Synchronization
import Vapor

/// A local HTTP service whose routes a test defines, recording every request it receives.
public final class FakeService: Sendable {
    public struct Received: Sendable {
        public var method: String
        public var path: String
        public var query: String?
        public var headers: [String: String]
        public var body: String
        /// The client's address and port: one per connection, so it shows connection reuse.
        public var peer: String?
    }

    private let app: Application
    private let log = Mutex<[Received]>([])

    public var baseURL: String {
        "\(app.http.server.configuration.tlsConfiguration == nil ? "http" : "https")://127.0.0.1:\(app.http.server.shared.localAddress?.port ?? 0)"
    }
    public var received: [Received] { log.withLock { $0 } }

    /// `tls`: served over HTTPS with it.
    public static func start(tls: TLSConfiguration? = nil, _ routes: @Sendable (Application) throws -> Void) async throws -> FakeService {
        let service = FakeService(app: try await Application.make(.testing))
        service.app.http.server.configuration.tlsConfiguration = tls
        service.app.middleware.use(Recorder(service: service))
        try routes(service.app)
        try await service.app.server.start(address: .hostname("127.0.0.1", port: 0))
        return service
    }

    private init(app: Application) { self.app = app }

    public func stop() async throws {
        await app.server.shutdown()
        try await app.asyncShutdown()
    }

    fileprivate func record(_ request: Request) {
        let headers = Dictionary(request.headers.map { ($0.name.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
        let received = Received(
            method: request.method.rawValue, path: request.url.path, query: request.url.query, headers: headers,
            body: request.body.string ?? "", peer: request.remoteAddress?.description)
        log.withLock { $0.append(received) }
    }

    private struct Recorder: AsyncMiddleware {
        let service: FakeService

        func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
            _ = try await request.body.collect(max: 1 << 20).get()
            service.record(request)
            return try await next.respond(to: request)
        }
    }
}

extension Response {
    /// A JSON response for fakes.
    public static func json(_ object: Any, status: HTTPStatus = .ok, headers extra: [String: String] = [:]) throws -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .json
        for (name, value) in extra { headers.replaceOrAdd(name: name, value: value) }
        return Response(status: status, headers: headers, body: .init(data: try JSONSerialization.data(withJSONObject: object)))
    }
}
