import AsyncHTTPClient
import Foundation
import NIOCore

/// An end user's browser, one hop at a time: GET without following redirects.
public enum Browser {
    /// Idle connections close after a second, before the peers' own keep-alive (uvicorn's 5 s) does: a
    /// request written onto a connection the peer is closing fails with "I/O on closed channel", which
    /// the loaded PostgreSQL suite hit between two hops of a consent.
    public static let client: HTTPClient = {
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow)
        configuration.connectionPool = .init(idleTimeout: .seconds(1))
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()

    public struct Page: Sendable {
        public var status: Int
        public var location: String?
        public var body: String
    }

    public static func get(_ url: String) async throws -> Page {
        try await open(HTTPClientRequest(url: url))
    }

    /// Submits a form (`application/x-www-form-urlencoded`, already encoded), as a button does.
    public static func post(_ url: String, form: String) async throws -> Page {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.body = .bytes(ByteBuffer(string: form))
        return try await open(request)
    }

    private static func open(_ request: HTTPClientRequest) async throws -> Page {
        let response = try await client.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 1 << 20)
        return Page(status: Int(response.status.code), location: response.headers.first(name: "Location"), body: String(buffer: body))
    }
}
