import Foundation
import PlotonAPI
import PlotonCore
import Vapor

extension Request {
    /// A query parameter's value; an empty value (`?tool=`) counts as not given.
    func queryValue(_ name: String) -> String? {
        guard let value = query[String.self, at: name], !value.isEmpty else { return nil }
        return value
    }

    /// A query parameter that must be one of an enum's raw values.
    func queryEnum<Value: RawRepresentable & CaseIterable>(_ name: String) throws -> Value? where Value.RawValue == String {
        guard let raw = queryValue(name) else { return nil }
        guard let value = Value(rawValue: raw) else {
            let allowed = Value.allCases.map(\.rawValue).joined(separator: ", ")
            throw APIFailure.invalid(name, "\(name) must be one of: \(allowed).")
        }
        return value
    }

    /// RFC 3339 (`2025-06-15T14:22:03Z`, fractional seconds allowed, as openapi.json's `date-time`) or Unix seconds.
    func queryDate(_ name: String) throws -> Date? {
        guard let raw = queryValue(name) else { return nil }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        guard
            let date = Int(raw).map({ Date(timeIntervalSince1970: TimeInterval($0)) }) ?? ISO8601DateFormatter().date(from: raw)
                ?? fractional.date(from: raw)
        else {
            throw APIFailure.invalid(name, "\(name) must be an ISO 8601 timestamp (2025-06-15T14:22:03Z) or Unix seconds.")
        }
        // The database stores years 1 to 9999; PostgreSQL's driver traps on dates far beyond.
        guard Date.storableSeconds.contains(date.timeIntervalSince1970) else {
            throw APIFailure.invalid(name, "\(name) must fall between the years 1 and 9999.")
        }
        return date
    }
}

extension Request {
    /// A hosted page's form fields (`application/x-www-form-urlencoded`); none when unreadable.
    var formFields: [String: String] { (try? content.decode([String: String].self)) ?? [:] }
}
