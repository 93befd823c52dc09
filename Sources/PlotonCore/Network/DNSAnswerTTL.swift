/// How long a DNS answer may be kept: the smallest TTL of the address records (A, AAAA) in a
/// response message and of the aliases (CNAME) that lead to them (RFC 1035 §4.1). Nil when the
/// message is not a successful answer with at least one address record, or does not parse.
public enum DNSAnswerTTL {
    public static func seconds(in message: [UInt8]) -> UInt32? {
        guard message.count >= 12, message[3] & 0x0F == 0 else { return nil }  // RCODE: no error
        let questions = Int(message[4]) << 8 | Int(message[5])
        let answers = Int(message[6]) << 8 | Int(message[7])
        var offset = 12
        for _ in 0..<questions {
            guard let end = skipName(message, from: offset) else { return nil }
            offset = end + 4  // type, class
        }
        var smallest: UInt32?
        var addresses = 0
        for _ in 0..<answers {
            guard let end = skipName(message, from: offset), end + 10 <= message.count else { return nil }
            let type = Int(message[end]) << 8 | Int(message[end + 1])
            let ttl = message[end + 4..<end + 8].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            let length = Int(message[end + 8]) << 8 | Int(message[end + 9])
            offset = end + 10 + length
            guard offset <= message.count else { return nil }
            guard [1, 5, 28].contains(type) else { continue }  // A, CNAME, AAAA
            if type != 5 { addresses += 1 }
            smallest = min(smallest ?? ttl, ttl)
        }
        return addresses > 0 ? smallest : nil
    }

    /// Where the name at `offset` ends: labels up to an empty one, or a compression pointer.
    private static func skipName(_ message: [UInt8], from offset: Int) -> Int? {
        var offset = offset
        while offset < message.count {
            let length = Int(message[offset])
            if length == 0 { return offset + 1 }
            if length & 0xC0 == 0xC0 { return offset + 2 <= message.count ? offset + 2 : nil }
            guard length & 0xC0 == 0 else { return nil }
            offset += 1 + length
        }
        return nil
    }
}
