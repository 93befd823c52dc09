import Foundation

/// An email in the user's terms (`to`, `subject`, `body`) and the base64url RFC 5322 message
/// Gmail's `raw` parameter wants: callers never see the wire encoding.
public struct EmailMessage: Sendable, Equatable {
    public var to: String
    /// Addresses copied ("cc lee@…"), comma-separated; empty for none.
    public var cc: String
    public var subject: String
    public var body: String

    public init(to: String, cc: String = "", subject: String, body: String) {
        self.to = to
        self.cc = cc
        self.subject = subject
        self.body = body
    }

    /// The message text; a non-ASCII subject is RFC 2047 encoded.
    public var rfc5322: String {
        let subjectHeader =
            subject.allSatisfy(\.isASCII) ? subject : "=?UTF-8?B?\(Data(subject.utf8).base64EncodedString())?="
        let ccHeader = cc.isEmpty ? "" : "Cc: \(cc)\r\n"
        return "To: \(to)\r\n\(ccHeader)Subject: \(subjectHeader)\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n\(body)"
    }

    public var raw: String { Data(rfc5322.utf8).base64URLEncoded }
}

enum Base64URL {
    /// The text a base64url string encodes, when it is base64url of UTF-8 text with a header line.
    static func decodedText(_ string: String) -> String? {
        guard string.count >= 8, string.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "=" }) else {
            return nil
        }
        guard let data = data(string), let text = String(data: data, encoding: .utf8), text.contains(":") else { return nil }
        return headerWordsDecoded(text)
    }

    /// The bytes a base64url string (padded or not) encodes.
    static func data(_ string: String) -> Data? {
        let base64 = string.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        return Data(base64Encoded: base64.padding(toLength: (base64.count + 3) / 4 * 4, withPad: "=", startingAt: 0))
    }

    /// "Subject: =?UTF-8?B?TWludXRlcyDigJMgMiBEZWM=?=" → "Subject: Minutes – 2 Dec": a header's encoded words as read.
    static func headerWordsDecoded(_ text: String) -> String {
        var decoded = ""
        var rest = Substring(text)
        while let start = rest.range(of: "=?UTF-8?B?"), let end = rest[start.upperBound...].range(of: "?=") {
            decoded += rest[..<start.lowerBound]
            let word = rest[start.upperBound..<end.lowerBound]
            decoded +=
                Data(base64Encoded: String(word)).flatMap { String(data: $0, encoding: .utf8) }
                ?? String(rest[start.lowerBound..<end.upperBound])
            rest = rest[end.upperBound...]
        }
        return decoded + rest
    }
}
