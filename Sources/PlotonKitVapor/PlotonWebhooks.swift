import Foundation
import PlotonKit
import Vapor

extension Request {
    /// Verifies this request as a Ploton webhook delivery (raw body and headers) and decodes the event.
    public func plotonEvent(verifiedBy verifier: WebhookVerifier) async throws -> Event {
        let buffer = try await body.collect(max: 1 << 20).get()
        let bytes = buffer.map { Data($0.readableBytesView) } ?? Data()
        let fields = Dictionary(headers.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        return try verifier.verify(body: bytes, headers: fields)
    }

    private struct PlotonEventKey: StorageKey { typealias Value = Event }

    /// The event `PlotonWebhookMiddleware` verified, in the route behind it.
    public var plotonWebhookEvent: Event? {
        get { storage[PlotonEventKey.self] }
        set { storage[PlotonEventKey.self] = newValue }
    }
}

/// Put in front of a webhook route: requests that do not verify get `400` and never reach it;
/// the route reads `req.plotonWebhookEvent`.
public struct PlotonWebhookMiddleware: AsyncMiddleware {
    public let verifier: WebhookVerifier

    public init(verifier: WebhookVerifier) { self.verifier = verifier }

    public func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            request.plotonWebhookEvent = try await request.plotonEvent(verifiedBy: verifier)
        } catch let error as PlotonError {
            return Response(status: .badRequest, body: .init(string: error.description))
        }
        return try await next.respond(to: request)
    }
}
