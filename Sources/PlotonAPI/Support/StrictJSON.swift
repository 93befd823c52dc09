/// Whether bytes are one JSON text as RFC 8259 defines it. Foundation's parser also takes what
/// JSON is not (a trailing comma, `01`, `1.`, a raw tab in a string) even with JSON5 off, so a
/// body it reads may not be JSON at all; bodies are checked here first. A leading byte-order mark
/// is ignored, as RFC 8259 allows. Containers are tracked on a heap stack, not by recursion, so
/// deep nesting cannot exhaust the thread's stack.
///
/// Containers nest at most `maxDepth` deep: Foundation's decoding of `JSONValue` costs about the cube of
/// the depth, and a 1 KB body nested 500 deep took seconds of CPU on every JSON surface.
public enum StrictJSON {
    public static let maxDepth = 64

    /// Why bytes are refused.
    public enum Problem: Error, Equatable {
        case malformed
        case tooDeep
    }

    public static func isValid(_ json: [UInt8]) -> Bool { problem(json) == nil }

    public static func problem(_ json: [UInt8]) -> Problem? {
        var scanner = Scanner(bytes: json)
        if scanner.text() { return nil }
        return scanner.tooDeep ? .tooDeep : .malformed
    }

    private struct Scanner {
        let bytes: [UInt8]
        var index = 0
        /// The containers open around the current value, innermost last: true for an object.
        var open: [Bool] = []
        var tooDeep = false

        init(bytes: [UInt8]) {
            self.bytes = bytes
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        }

        var next: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func text() -> Bool {
            guard values() else { return false }
            skipSpace()
            return index == bytes.count
        }

        /// One value, with every member of the containers it opens.
        mutating func values() -> Bool {
            while true {
                skipSpace()
                guard let first = next else { return false }
                // A container opened `maxDepth` deep is the deepest one taken, empty or not.
                if first == UInt8(ascii: "{") || first == UInt8(ascii: "["), open.count >= StrictJSON.maxDepth {
                    tooDeep = true
                    return false
                }
                switch first {
                case UInt8(ascii: "{"):
                    index += 1
                    skipSpace()
                    if next == UInt8(ascii: "}") {
                        index += 1
                    } else {
                        open.append(true)
                        guard key() else { return false }
                        continue
                    }
                case UInt8(ascii: "["):
                    index += 1
                    skipSpace()
                    if next == UInt8(ascii: "]") {
                        index += 1
                    } else {
                        open.append(false)
                        continue
                    }
                case UInt8(ascii: "\""): guard string() else { return false }
                case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): guard number() else { return false }
                case UInt8(ascii: "t"): guard literal("true") else { return false }
                case UInt8(ascii: "f"): guard literal("false") else { return false }
                case UInt8(ascii: "n"): guard literal("null") else { return false }
                default: return false
                }
                // A value ended: close the containers it ends, or go on to the next member.
                while let object = open.last {
                    skipSpace()
                    if next == UInt8(ascii: ",") {
                        index += 1
                        if object { guard key() else { return false } }
                        break
                    }
                    guard next == UInt8(ascii: object ? "}" : "]") else { return false }
                    index += 1
                    open.removeLast()
                }
                if open.isEmpty { return true }
            }
        }

        /// A member's name and its colon.
        mutating func key() -> Bool {
            skipSpace()
            guard next == UInt8(ascii: "\""), string() else { return false }
            skipSpace()
            guard next == UInt8(ascii: ":") else { return false }
            index += 1
            return true
        }

        mutating func string() -> Bool {
            index += 1
            while let byte = next {
                index += 1
                switch byte {
                case UInt8(ascii: "\""): return true
                case ..<0x20: return false
                case UInt8(ascii: "\\"):
                    guard let escaped = next else { return false }
                    switch escaped {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                        UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                        index += 1
                    case UInt8(ascii: "u"):
                        index += 1
                        for _ in 0..<4 {
                            guard let digit = next, digit.isHexDigit else { return false }
                            index += 1
                        }
                    default: return false
                    }
                default: break
                }
            }
            return false
        }

        /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
        mutating func number() -> Bool {
            if next == UInt8(ascii: "-") { index += 1 }
            if next == UInt8(ascii: "0") {
                index += 1
            } else if digits() == 0 {
                return false
            }
            if next == UInt8(ascii: ".") {
                index += 1
                guard digits() > 0 else { return false }
            }
            if next == UInt8(ascii: "e") || next == UInt8(ascii: "E") {
                index += 1
                if next == UInt8(ascii: "+") || next == UInt8(ascii: "-") { index += 1 }
                guard digits() > 0 else { return false }
            }
            return true
        }

        mutating func digits() -> Int {
            let start = index
            while let byte = next, byte.isDigit { index += 1 }
            return index - start
        }

        mutating func literal(_ word: String) -> Bool {
            guard bytes[index...].starts(with: word.utf8) else { return false }
            index += word.utf8.count
            return true
        }

        mutating func skipSpace() {
            while let byte = next, [0x20, 0x09, 0x0A, 0x0D].contains(byte) { index += 1 }
        }
    }
}

extension UInt8 {
    fileprivate var isDigit: Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) }
    fileprivate var isHexDigit: Bool {
        isDigit || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(self) || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(self)
    }
}
