import ArgumentParser
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import PlotonAPI
import PlotonCore

/// The CLI's client side: `PLOTON_API_KEY` against `PLOTON_BASE_URL` (default the hosted API).
/// (PlotonKit, the SDK, replaces this when it lands.)
struct APIClient {
    static let defaultBaseURL = "https://api.ploton.ai/v1"

    let baseURL: String
    let apiKey: String

    /// Reads the client variables; a missing or malformed key is a usage error (exit 2).
    static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> APIClient {
        guard let key = environment["PLOTON_API_KEY"], !key.isEmpty else {
            Output.error("PLOTON_API_KEY is not set. Export a pk_test_… or pk_live_… key.")
            throw CLIExit.usage
        }
        guard APIKeySecret(parsing: key) != nil else {
            Output.error("PLOTON_API_KEY is not a valid Ploton key (pk_test_… or pk_live_…).")
            throw CLIExit.usage
        }
        let base = environment["PLOTON_BASE_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? defaultBaseURL
        return APIClient(baseURL: base.hasSuffix("/") ? String(base.dropLast()) : base, apiKey: key)
    }

    /// Sends a request; API errors print their message and exit 1.
    func send(_ method: HTTPMethod, _ path: String, body: Data? = nil) async throws -> JSONValue {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        request.headers.add(name: "Authorization", value: "Bearer \(apiKey)")
        request.headers.add(name: "User-Agent", value: "ploton-cli")
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(data: body))
        }
        let response: HTTPClientResponse
        do {
            response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
        } catch {
            Output.error("could not reach \(baseURL): \(error)")
            throw CLIExit.apiError
        }
        let data = Data(buffer: try await response.body.collect(upTo: 16 << 20))
        let json = JSONValue.parse(String(decoding: data, as: UTF8.self)) ?? .null
        guard (200..<300).contains(response.status.code) else {
            let message = json.value(at: "error.message")?.stringValue ?? "HTTP \(response.status.code)"
            let code = json.value(at: "error.code")?.stringValue ?? "error"
            Output.error("\(code): \(message)")
            throw CLIExit.apiError
        }
        return json
    }
}

/// Exit codes that mean something: 1 for an API error, 2 for a usage error.
enum CLIExit {
    static let apiError = ExitCodeError(code: 1)
    static let usage = ExitCodeError(code: 2)

    /// Runs a command body, turning our exit errors into the process exit code.
    static func mappingToExitCodes(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let exit as ExitCodeError {
            throw ExitCode(exit.code)
        }
    }
}

struct ExitCodeError: Error {
    let code: Int32
}
