import Foundation

/// Deterministic weather for test keys: the same place on the same day gives the same answer.
public struct WeatherSandbox: ToolExecutor {
    private let now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date = { Date() }) { self.now = now }

    public func execute(_ request: StepRequest) async throws -> StepOutcome {
        switch request.capability {
        case Weather.geocode:
            guard let name = request.input["name"]?.stringValue, !name.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw ToolFailure(code: "invalid_input", message: "weather.geocode needs a place name.")
            }
            if let place = WeatherPlaces.named(name) {
                return .completed(
                    Weather.placeOutput(
                        name: place.name, latitude: place.latitude, longitude: place.longitude, country: place.country,
                        timezone: place.timezone))
            }
            // A sandbox cannot tell a real town it has no row for from an invented one, and a test run
            // must not fail because its city is not in a list: any name shaped like a place gets a
            // stable point of its own.
            guard WeatherPlaces.isPlaceShaped(name) else { throw Weather.placeNotFound(name) }
            let seed = Self.seed(name.lowercased().trimmingCharacters(in: .whitespaces))
            return .completed(
                Weather.placeOutput(
                    name: name.trimmingCharacters(in: .whitespaces), latitude: Double(seed % 14_000) / 100 - 70,
                    longitude: Double((seed / 14_000) % 36_000) / 100 - 180, country: nil, timezone: "UTC"))
        case Weather.current:
            guard let latitude = request.input["latitude"]?.numberValue, let longitude = request.input["longitude"]?.numberValue else {
                throw ToolFailure(code: "invalid_input", message: "weather.current needs numeric latitude and longitude.")
            }
            guard (-90...90).contains(latitude), (-180...180).contains(longitude) else {
                throw ToolFailure(
                    code: "invalid_input", message: "weather.current needs a latitude from -90 to 90 and a longitude from -180 to 180.")
            }
            let day = Int(now().timeIntervalSince1970 / 86_400)
            let seed = Self.seed("\(Int(latitude * 100)),\(Int(longitude * 100)),\(day)")
            let codes = [0, 1, 2, 3, 45, 61, 63, 80]
            let temperature = (30 - abs(latitude) / 2.5) + Double(seed % 80) / 10 - 4
            let observed = Date(timeIntervalSince1970: Double(day) * 86_400 + 12 * 3_600).formatted(.iso8601)
            return .completed(
                Weather.currentOutput(
                    latitude: latitude, longitude: longitude, temperature: (temperature * 10).rounded() / 10,
                    humidity: Double(40 + seed % 55), weatherCode: codes[Int(seed % UInt64(codes.count))],
                    windSpeed: Double(seed % 300) / 10, observedAt: observed))
        default:
            throw ToolFailure(code: "unknown_capability", message: "weather has no capability \(request.capability).")
        }
    }

    /// FNV-1a: stable across processes and platforms, unlike `Hasher`.
    static func seed(_ text: String) -> UInt64 {
        text.utf8.reduce(14_695_981_039_346_656_037) { ($0 ^ UInt64($1)) &* 1_099_511_628_211 }
    }
}
