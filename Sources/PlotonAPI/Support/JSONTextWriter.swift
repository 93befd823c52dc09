/// Compact JSON text with sorted keys, written straight from a `JSONValue`: the same bytes as
/// Foundation's `JSONEncoder` with `[.sortedKeys, .withoutEscapingSlashes]` (keys in UTF-8 byte
/// order, a number as its `description` less a trailing `.0`, only `"`, `\` and control characters
/// escaped) at a fraction of the cost. Every JSON value a task stores (its plan's inputs, step
/// outputs, result, events) is written as text: through the encoder that was about 4 % of the
/// server's CPU per task (session 13 profile).
enum JSONTextWriter {
    /// nil when the value holds a number JSON cannot carry (NaN, infinity), which the encoder refuses.
    static func text(_ value: JSONValue) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(128)
        guard write(value, into: &bytes) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func write(_ value: JSONValue, into bytes: inout [UInt8]) -> Bool {
        switch value {
        case .null: bytes.append(contentsOf: "null".utf8)
        case .bool(let value): bytes.append(contentsOf: (value ? "true" : "false").utf8)
        case .number(let value):
            guard value.isFinite else { return false }
            let text = value.description
            bytes.append(contentsOf: text.hasSuffix(".0") ? text.utf8.dropLast(2) : text.utf8[...])
        case .string(let value): write(value, into: &bytes)
        case .array(let items):
            bytes.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                guard write(item, into: &bytes) else { return false }
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let object):
            bytes.append(UInt8(ascii: "{"))
            for (index, key) in object.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                write(key, into: &bytes)
                bytes.append(UInt8(ascii: ":"))
                guard let item = object[key], write(item, into: &bytes) else { return false }
            }
            bytes.append(UInt8(ascii: "}"))
        }
        return true
    }

    static func write(_ string: String, into bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): bytes.append(contentsOf: #"\\"#.utf8)
            case 0x0A: bytes.append(contentsOf: #"\n"#.utf8)
            case 0x0D: bytes.append(contentsOf: #"\r"#.utf8)
            case 0x09: bytes.append(contentsOf: #"\t"#.utf8)
            case 0x08: bytes.append(contentsOf: #"\b"#.utf8)
            case 0x0C: bytes.append(contentsOf: #"\f"#.utf8)
            case ..<0x20:
                bytes.append(contentsOf: #"\u00"#.utf8)
                bytes.append(hexDigits[Int(byte >> 4)])
                bytes.append(hexDigits[Int(byte & 0x0F)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}
