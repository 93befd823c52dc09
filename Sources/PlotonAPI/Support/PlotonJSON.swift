import Foundation

/// The one JSON configuration of the wire: ISO 8601 UTC timestamps without fractions, and JSON as
/// RFC 8259 defines it (`StrictJSON`).
public enum PlotonJSON {
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        return encoder
    }

    public static func decoder() -> JSONDecoder {
        let decoder = StrictJSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}

/// A `JSONDecoder` that refuses text that is not JSON, which Foundation's own reads (a trailing
/// comma, `01`, a raw control character in a string): every request body the server decodes goes
/// through one (`PlotonJSON.decoder()`, also Vapor's JSON content decoder).
final class StrictJSONDecoder: JSONDecoder, @unchecked Sendable {
    override func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        switch StrictJSON.problem(Array(data)) {
        case nil: break
        case .tooDeep?: throw StrictJSON.Problem.tooDeep
        case .malformed?:
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "The given data was not valid JSON (RFC 8259)."))
        }
        return try super.decode(type, from: data)
    }
}
