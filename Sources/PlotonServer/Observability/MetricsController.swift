import Crypto
import Foundation
import PlotonAPI
import Vapor

/// `GET /metrics` (when `PLOTON_METRICS=on`): the Prometheus text format, for a scraper that sends
/// `Authorization: Bearer <PLOTON_METRICS_TOKEN>`. The database gauges are sampled per scrape.
struct MetricsController: Sendable {
    let token: String

    @Sendable func show(req: Request) async throws -> Response {
        guard let given = req.headers.bearerAuthorization?.token, Self.matches(given, token) else {
            throw APIFailure(.invalidAPIKey, "Send the metrics token: `Authorization: Bearer <PLOTON_METRICS_TOKEN>`.")
        }
        try await MetricsSampler(database: req.db, now: req.now).sample()
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "plain", parameters: ["version": "0.0.4", "charset": "utf-8"])
        return Response(status: .ok, headers: headers, body: .init(data: Data(MetricsBackend.exposition())))
    }

    /// Compares digests, so the time taken says nothing about the token.
    static func matches(_ given: String, _ expected: String) -> Bool {
        SHA256.hash(data: Data(given.utf8)) == SHA256.hash(data: Data(expected.utf8))
    }
}
