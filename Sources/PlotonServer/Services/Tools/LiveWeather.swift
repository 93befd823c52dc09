import Foundation
import PlotonCore

/// The live `weather` tool against Open-Meteo's geocoding and forecast APIs.
struct LiveWeather: ToolExecutor {
    let http: OutboundHTTP
    let settings: WeatherSettings

    func execute(_ request: StepRequest) async throws -> StepOutcome {
        switch request.capability {
        case Weather.geocode:
            guard let name = request.input["name"]?.stringValue else {
                throw ToolFailure(code: "invalid_input", message: "weather.geocode needs a place name.")
            }
            var components = URLComponents(string: settings.geocodingURL + "/v1/search")!
            components.queryItems = [
                .init(name: "name", value: name), .init(name: "count", value: "1"), .init(name: "language", value: "en"),
                .init(name: "format", value: "json"),
            ]
            let body = try await fetch(components)
            guard let place = body.value(at: "results.0")?.objectValue,
                let latitude = place["latitude"]?.numberValue, let longitude = place["longitude"]?.numberValue
            else { throw Weather.placeNotFound(name) }
            return .completed(
                Weather.placeOutput(
                    name: place["name"]?.stringValue ?? name, latitude: latitude, longitude: longitude,
                    country: place["country"]?.stringValue, timezone: place["timezone"]?.stringValue))
        case Weather.current:
            guard let latitude = request.input["latitude"]?.numberValue, let longitude = request.input["longitude"]?.numberValue else {
                throw ToolFailure(code: "invalid_input", message: "weather.current needs numeric latitude and longitude.")
            }
            var components = URLComponents(string: settings.forecastURL + "/v1/forecast")!
            components.queryItems = [
                .init(name: "latitude", value: String(latitude)), .init(name: "longitude", value: String(longitude)),
                .init(name: "current", value: "temperature_2m,relative_humidity_2m,weather_code,wind_speed_10m"),
                .init(name: "timezone", value: "UTC"),
            ]
            let body = try await fetch(components)
            guard let current = body.value(at: "current")?.objectValue,
                let temperature = current["temperature_2m"]?.numberValue,
                let humidity = current["relative_humidity_2m"]?.numberValue,
                let code = current["weather_code"]?.numberValue
            else {
                throw ToolFailure(code: "unexpected_response", message: "Open-Meteo answered without current conditions.", retryable: true)
            }
            let time = current["time"]?.stringValue.map { $0.count == 16 ? $0 + ":00Z" : $0 } ?? ""
            return .completed(
                Weather.currentOutput(
                    latitude: latitude, longitude: longitude, temperature: temperature, humidity: humidity,
                    weatherCode: code.clampedInt() ?? 0,
                    windSpeed: current["wind_speed_10m"]?.numberValue ?? 0, observedAt: time))
        default:
            throw ToolFailure(code: "unknown_capability", message: "weather has no capability \(request.capability).")
        }
    }

    private func fetch(_ components: URLComponents) async throws -> JSONValue {
        let reply = try await http.get(components.string ?? "")
        try HTTPFailureMapping.check(reply, service: "Open-Meteo")
        guard let json = reply.json else {
            throw ToolFailure(code: "unexpected_response", message: "Open-Meteo answered with something that is not JSON.", retryable: true)
        }
        return json
    }
}

/// Service HTTP errors as engine failures: 429 waits, 5xx retries, 401/403 is an auth problem.
enum HTTPFailureMapping {
    static func check(_ reply: OutboundHTTP.Reply, service: String) throws {
        switch reply.status {
        case 200..<300: return
        case 429:
            throw ToolFailure(
                code: "rate_limited", message: "\(service) is rate limiting requests.", retryable: true, recoverable: true,
                suggestion: "Retry later.", retryAfter: retryAfter(reply.headers.first(name: "Retry-After")))
        case 401, 403:
            throw ToolFailure(
                code: "auth_failed", message: "\(service) refused the credentials (HTTP \(reply.status)).", recoverable: true,
                suggestion: "Check the tool's credentials or re-authorise the connection.")
        case 500..<600:
            throw ToolFailure(
                code: "service_error", message: "\(service) failed with HTTP \(reply.status).", retryable: true, recoverable: true)
        default:
            throw ToolFailure(code: "service_error", message: "\(service) refused the request with HTTP \(reply.status).")
        }
    }

    /// A day at most: a longer wait fails the step (the engine's `maxRetryDelay`) rather than sleeping on it.
    static func retryAfter(_ header: String?) -> TimeInterval {
        .boundedDelay(header.flatMap { Double.finite($0) }, atMost: 86_400) ?? 1
    }
}
