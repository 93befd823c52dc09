import AsyncHTTPClient
import Foundation
import NIOCore

/// An end user's browser, one hop at a time: GET without following redirects.
public enum Browser {
    public static let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))

    public struct Page: Sendable {
        public var status: Int
        public var location: String?
        public var body: String
    }

    public static func get(_ url: String) async throws -> Page {
        let response = try await client.execute(HTTPClientRequest(url: url), timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 1 << 20)
        return Page(status: Int(response.status.code), location: response.headers.first(name: "Location"), body: String(buffer: body))
    }
}
