import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import PlotonCore

/// `POST {PLOTON_LLM_BASE_URL}/chat/completions` over AsyncHTTPClient. The endpoint is the
/// operator's own choice (often a model on localhost), so the tools' private-network policy does
/// not apply. 429, 5xx and connection errors are retried twice with backoff.
struct ChatCompletionsHTTP: ChatCompletionsClient {
    let client: HTTPClient
    let settings: LLMSettings
    var attempts = 3

    func complete(_ request: JSONValue) async throws -> JSONValue {
        var last = ChatCompletionsError("no attempt was made")
        for attempt in 1...attempts {
            if attempt > 1 { try await Task.sleep(for: .seconds(settings.retryDelay * Double(1 << (attempt - 2)))) }
            do {
                let deadline = NIODeadline.now() + .seconds(Int64(settings.timeout))
                let response = try await client.execute(httpRequest(request), deadline: deadline)
                let body = try await response.collectBody(upTo: 8 << 20, by: deadline)
                let status = Int(response.status.code)
                if status == 429 || status >= 500 {
                    last = ChatCompletionsError("the model endpoint answered HTTP \(status)")
                    continue
                }
                guard (200..<300).contains(status) else {
                    throw ChatCompletionsError("the model endpoint refused the request with HTTP \(status)")
                }
                guard let json = JSONValue.parse(String(buffer: body)) else {
                    throw ChatCompletionsError("the model endpoint answered with something that is not JSON")
                }
                return json
            } catch let error as ChatCompletionsError {
                throw error
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                last = ChatCompletionsError("the model endpoint could not be reached (\(type(of: error)))")
            }
        }
        throw last
    }

    private func httpRequest(_ body: JSONValue) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: settings.baseURL + "/chat/completions")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        if let key = settings.apiKey?.value { request.headers.add(name: "Authorization", value: "Bearer \(key)") }
        request.body = .bytes(ByteBuffer(string: body.jsonText))
        return request
    }
}
