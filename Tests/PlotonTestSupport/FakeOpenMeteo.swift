import Foundation
import Synchronization
import Vapor

/// A local server that answers like Open-Meteo's geocoding and forecast APIs, counts requests,
/// can fail on purpose, and can hold forecast requests until the test releases them.
public final class FakeOpenMeteo: Sendable {
    public struct Counts: Sendable, Equatable {
        public var geocode = 0
        public var forecast = 0

        public init(geocode: Int = 0, forecast: Int = 0) {
            self.geocode = geocode
            self.forecast = forecast
        }
    }

    private struct State {
        var counts = Counts()
        /// Responses to give before the real answer, for forecast requests: status and Retry-After.
        var forecastFailures: [(status: Int, retryAfter: String?)] = []
        var holdFirstForecast = false
        var held: CheckedContinuation<Void, Never>?
        var heldArrived: [CheckedContinuation<Void, Never>] = []
        var releaseRequested = false
        /// Run when a place is looked up (lower-cased name), before the answer.
        var lookupHooks: [String: @Sendable () async -> Void] = [:]
        /// Each request's W3C `traceparent` header, in order (nil when it had none).
        var traceparents: [String?] = []
    }

    private let state = Mutex(State())
    private let app: Application

    public var port: Int { app.http.server.shared.localAddress?.port ?? 0 }
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    public static func start() async throws -> FakeOpenMeteo {
        let fake = FakeOpenMeteo(app: try await Application.make(.testing))
        fake.routes()
        try await fake.app.server.start(address: .hostname("127.0.0.1", port: 0))
        return fake
    }

    private init(app: Application) { self.app = app }

    public func failForecasts(_ failures: [(status: Int, retryAfter: String?)]) {
        state.withLock { $0.forecastFailures = failures }
    }

    /// Runs `action` whenever `place` is looked up (for example, to kill the process asking).
    public func onLookup(of place: String, _ action: @escaping @Sendable () async -> Void) {
        state.withLock { $0.lookupHooks[place.lowercased()] = action }
    }

    public func holdFirstForecast() { state.withLock { $0.holdFirstForecast = true } }

    /// Returns once a forecast request is being held.
    public func waitForHeldForecast() async {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { state -> Bool in
                if state.held != nil { return true }
                state.heldArrived.append(continuation)
                return false
            }
            if ready { continuation.resume() }
        }
    }

    public func releaseHeldForecast() {
        let held = state.withLock { state -> CheckedContinuation<Void, Never>? in
            defer { state.held = nil }
            state.releaseRequested = state.held == nil
            return state.held
        }
        held?.resume()
    }

    public func currentCounts() -> Counts { state.withLock { $0.counts } }

    public var traceparents: [String?] { state.withLock { $0.traceparents } }

    public func stop() async throws {
        releaseHeldForecast()
        await app.server.shutdown()
        try await app.asyncShutdown()
    }

    private func routes() {
        app.get("v1", "search") { [self] req async throws -> Response in
            state.withLock {
                $0.counts.geocode += 1
                $0.traceparents.append(req.headers.first(name: "traceparent"))
            }
            let name = req.query[String.self, at: "name"] ?? ""
            await state.withLock { $0.lookupHooks[name.lowercased()] }?()
            guard name.lowercased() != "atlantis" else { return try json(["generationtime_ms": 0.1]) }
            return try json([
                "results": [
                    [
                        "id": 5_391_959, "name": name, "latitude": 37.77493, "longitude": -122.41942, "country": "United States",
                        "timezone": "America/Los_Angeles",
                    ]
                ]
            ])
        }
        app.get("v1", "forecast") { [self] req async throws -> Response in
            let (failure, hold) = state.withLock { state -> ((status: Int, retryAfter: String?)?, Bool) in
                state.counts.forecast += 1
                state.traceparents.append(req.headers.first(name: "traceparent"))
                let hold = state.holdFirstForecast
                state.holdFirstForecast = false
                return (state.forecastFailures.isEmpty ? nil : state.forecastFailures.removeFirst(), hold)
            }
            if hold {
                await withCheckedContinuation { continuation in
                    let (arrived, releaseNow) = state.withLock { state in
                        state.held = continuation
                        defer { state.heldArrived = [] }
                        return (state.heldArrived, state.releaseRequested)
                    }
                    for waiter in arrived { waiter.resume() }
                    if releaseNow { releaseHeldForecast() }
                }
            }
            if let failure {
                let response = Response(
                    status: HTTPStatus(statusCode: failure.status), body: .init(string: #"{"error":true,"reason":"fake"}"#))
                if let retryAfter = failure.retryAfter { response.headers.replaceOrAdd(name: .retryAfter, value: retryAfter) }
                return response
            }
            return try json([
                "latitude": req.query[Double.self, at: "latitude"] ?? 0, "longitude": req.query[Double.self, at: "longitude"] ?? 0,
                "current_units": ["temperature_2m": "°C", "relative_humidity_2m": "%"],
                "current": [
                    "time": "2026-11-29T12:00", "interval": 900, "temperature_2m": 14.3, "relative_humidity_2m": 72,
                    "weather_code": 3, "wind_speed_10m": 11.2,
                ],
            ])
        }
    }

    private func json(_ object: Any) throws -> Response {
        let data = try JSONSerialization.data(withJSONObject: object)
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }
}
