import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import PlotonAPI

/// One HTTP exchange with the API, retried as the policy says, decoded with the API's JSON rules.
struct Transport: Sendable {
    let baseURL: String
    let apiKey: String
    let retry: RetryPolicy

    func send<Response: Decodable>(
        _ method: HTTPMethod, _ path: String, query: [String: String?] = [:], body: JSONValue? = nil, as: Response.Type = Response.self
    ) async throws -> Response {
        try await send(method, path, query: query, bytes: body.map { Data($0.jsonText.utf8) })
    }

    /// A request body typed in PlotonAPI, encoded as the server decodes it.
    func send<Response: Decodable>(_ method: HTTPMethod, _ path: String, json body: some RequestBody) async throws -> Response {
        try await send(method, path, bytes: try PlotonJSON.encoder().encode(body))
    }

    private func send<Response: Decodable>(_ method: HTTPMethod, _ path: String, query: [String: String?] = [:], bytes: Data?)
        async throws -> Response
    {
        let data = try await raw(method, path, query: query, body: bytes)
        do {
            return try PlotonJSON.decoder().decode(Response.self, from: data)
        } catch {
            throw PlotonError.transport("The API answered \(method) \(path) with a body PlotonKit cannot read: \(error)")
        }
    }

    func raw(_ method: HTTPMethod, _ path: String, query: [String: String?] = [:], body: Data? = nil) async throws -> Data {
        var components = URLComponents(string: baseURL + path)
        let items = query.compactMap { key, value in value.map { URLQueryItem(name: key, value: $0) } }.sorted { $0.name < $1.name }
        if !items.isEmpty { components?.queryItems = items }
        guard let url = components?.string else { throw PlotonError.configuration("Cannot build a URL for \(path).") }
        var request = HTTPClientRequest(url: url)
        request.method = method
        request.headers.add(name: "Authorization", value: "Bearer \(apiKey)")
        request.headers.add(name: "User-Agent", value: "PlotonKit/1.0")
        request.headers.add(name: "Accept", value: "application/json")
        if method == .POST { request.headers.add(name: "Idempotency-Key", value: UUID().uuidString) }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        var attempt = 0
        while true {
            do {
                let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
                let data = Data((try await response.body.collect(upTo: 32 << 20)).readableBytesView)
                let status = Int(response.status.code)
                if (200..<300).contains(status) { return data }
                // 409 idempotency_conflict: the same request (an earlier try) is still being answered.
                let inFlight = status == 409 && Self.apiError(status: status, data: data, requestID: nil).code == "idempotency_conflict"
                if status == 429 || status >= 500 || inFlight, attempt < retry.maxRetries {
                    let retryAfter = response.headers.first(name: "Retry-After").flatMap(TimeInterval.init)
                    try await Task.sleep(for: .seconds(retry.delay(attempt: attempt, retryAfter: retryAfter)))
                    attempt += 1
                    continue
                }
                throw Self.apiError(status: status, data: data, requestID: response.headers.first(name: "X-Request-Id"))
            } catch let error as PlotonError {
                throw error
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                guard attempt < retry.maxRetries else {
                    throw PlotonError.transport("Could not reach \(baseURL): \(error)")
                }
                try await Task.sleep(for: .seconds(retry.delay(attempt: attempt, retryAfter: nil)))
                attempt += 1
            }
        }
    }

    static func apiError(status: Int, data: Data, requestID: String?) -> PlotonError {
        let envelope = JSONValue.parse(String(decoding: data, as: UTF8.self))
        return .api(
            status: status, code: envelope?.value(at: "error.code")?.stringValue ?? "http_\(status)",
            message: envelope?.value(at: "error.message")?.stringValue ?? "HTTP \(status)",
            param: envelope?.value(at: "error.param")?.stringValue,
            requestID: envelope?.value(at: "error.request_id")?.stringValue ?? requestID)
    }
}
