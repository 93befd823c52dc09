extension JSONValue {
    /// The path (`capabilities[0].description`, `input.content`) of the first key or string holding
    /// U+0000, if any; `path` names this value. PostgreSQL's `jsonb` and text refuse NUL, so values
    /// that may be stored there are refused with it up front, on every database alike.
    public func pathHoldingNUL(_ path: String = "") -> String? {
        switch self {
        case .string(let text): return text.unicodeScalars.contains("\0") ? path : nil
        case .array(let items): return items.enumerated().lazy.compactMap { $1.pathHoldingNUL("\(path)[\($0)]") }.first
        case .object(let members):
            return members.sorted { $0.key < $1.key }.lazy.compactMap { key, member in
                let field = path.isEmpty ? key : "\(path).\(key)"
                return key.unicodeScalars.contains("\0") ? field : member.pathHoldingNUL(field)
            }.first
        case .null, .bool, .number: return nil
        }
    }
}
