import Foundation

/// The built-in `weather` tool: geocode a place, then read its current weather. Live mode calls
/// Open-Meteo (geocoding + forecast APIs); sandbox mode answers deterministically without a network.
public enum Weather {
    public static let name = "weather"
    public static let geocode = "geocode"
    public static let current = "current"

    /// The bundled definition (`Resources/tools/weather.json`). Live calls go to two Open-Meteo
    /// hosts (geocoding and forecast), so execution is `LiveWeather`, not the generic executor.
    public static let definition = BuiltInDefinitions.load(["weather"])[0]

    public static let descriptor = definition.descriptor

    /// What `geocode` fails with for a name with no place, live (Open-Meteo finds none) and in the sandbox.
    public static func placeNotFound(_ name: String) -> ToolFailure {
        ToolFailure(
            code: "place_not_found", message: "No place named '\(name)' was found.",
            suggestion: "Check the spelling, or add the country (\"Springfield, Illinois\").")
    }

    /// The normalised output of `current`, whatever mode produced it.
    public static func currentOutput(
        latitude: Double, longitude: Double, temperature: Double, humidity: Double, weatherCode: Int, windSpeed: Double,
        observedAt: String
    ) -> JSONValue {
        .object([
            "latitude": .number(latitude), "longitude": .number(longitude),
            "temperature": .number(temperature), "temperature_unit": .string("°C"),
            "humidity": .number(humidity), "humidity_unit": .string("%"),
            "conditions": .string(WeatherCodes.description(weatherCode)), "weather_code": .number(Double(weatherCode)),
            "wind_speed": .number(windSpeed), "wind_speed_unit": .string("km/h"),
            "observed_at": .string(observedAt),
        ])
    }

    public static func placeOutput(name: String, latitude: Double, longitude: Double, country: String?, timezone: String?) -> JSONValue {
        .object([
            "name": .string(name), "latitude": .number(latitude), "longitude": .number(longitude),
            "country": country.map(JSONValue.string) ?? .null, "timezone": timezone.map(JSONValue.string) ?? .null,
        ])
    }
}
