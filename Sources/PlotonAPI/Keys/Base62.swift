/// The base62 alphabet used by API keys and object IDs: digits, then upper case, then lower case.
public enum Base62 {
    public static let alphabet: [UInt8] = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)

    public static func isBase62(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    /// Encodes `value` most significant digit first, left-padded with `0` to `width` characters.
    public static func encode(_ value: UInt64, width: Int) -> String {
        var digits: [UInt8] = []
        var rest = value
        repeat {
            digits.append(alphabet[Int(rest % 62)])
            rest /= 62
        } while rest > 0
        while digits.count < width { digits.append(alphabet[0]) }
        return String(decoding: digits.reversed(), as: UTF8.self)
    }

    /// `count` characters drawn uniformly from the alphabet (rejection sampling avoids modulo bias).
    public static func random<R: RandomNumberGenerator>(count: Int, using generator: inout R) -> String {
        var result: [UInt8] = []
        result.reserveCapacity(count)
        while result.count < count {
            // All eight bytes of a draw: the system generator makes a system call per draw.
            var word = generator.next()
            for _ in 0..<8 where result.count < count {
                let byte = UInt8(truncatingIfNeeded: word)
                word >>= 8
                if byte < 248 { result.append(alphabet[Int(byte % 62)]) }
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    public static func random(count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return random(count: count, using: &generator)
    }
}
