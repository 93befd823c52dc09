import Foundation

/// Finds a key named twice in one JSON object. JSON decoders keep one of the two silently, so a
/// request could mean one value and be read as the other; the API refuses such a body instead.
public enum JSONDuplicateKeys {
    /// The first key repeated within one object of `json`, which must already be valid JSON.
    public static func first(in json: [UInt8]) -> String? {
        var objects: [Set<String>?] = []  // one entry per open object (its keys so far) or array (nil)
        var expectingKey = false
        var index = 0
        while index < json.count {
            switch json[index] {
            case UInt8(ascii: "{"):
                objects.append([])
                expectingKey = true
            case UInt8(ascii: "["):
                objects.append(nil)
                expectingKey = false
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                objects.removeLast()
                expectingKey = false
            case UInt8(ascii: ","):
                expectingKey = objects.last.map { $0 != nil } ?? false
            case UInt8(ascii: "\""):
                let start = index
                index += 1
                while json[index] != UInt8(ascii: "\"") { index += json[index] == UInt8(ascii: "\\") ? 2 : 1 }
                if expectingKey {
                    let key = self.key(json[start...index])
                    if objects[objects.count - 1]?.insert(key).inserted == false { return key }
                    expectingKey = false
                }
            default: break
            }
            index += 1
        }
        return nil
    }

    /// A key token's text; escapes (`"\u0061"` is `"a"`) decoded so that spellings of one key match.
    private static func key(_ token: ArraySlice<UInt8>) -> String {
        guard token.contains(UInt8(ascii: "\\")) else { return String(decoding: token.dropFirst().dropLast(), as: UTF8.self) }
        return (try? JSONDecoder().decode(String.self, from: Data(token))) ?? String(decoding: token, as: UTF8.self)
    }
}
