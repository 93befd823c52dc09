/// Lowercase hexadecimal text of bytes (digests and MACs), two digits per byte. A table lookup:
/// `String(format: "%02x", byte)` per byte cost about 50 µs for a 32-byte digest here, once per
/// webhook attempt and once per API key lookup.
public enum LowercaseHex {
    private static let digits = Array("0123456789abcdef".utf8)

    public static func string<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var text: [UInt8] = []
        text.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
