/// One field of a capability's result records, described for people: "each deal's worth" finds
/// `properties.amount` through the synonym "worth". Optional in every tool definition.
///
/// ```json
/// {"name": "amount", "path": "properties.amount", "description": "Deal value", "synonyms": ["value", "worth"]}
/// ```
/// `path` is a dotted path into one record; a list of paths joins their values with a space
/// (`["properties.firstname", "properties.lastname"]` for a full name).
public struct ResultField: Sendable, Codable, Equatable {
    public let name: String
    public let paths: [String]
    public var description: String? { didSet { isTime = Self.isTime(description) } }
    public let synonyms: [String]
    /// The synonyms lowercased, as a requested field is compared with them as written
    /// (`ResultShaper.declaredField`), and whether the description says it is a time: worked out
    /// once, not for every declared field on every requested field of every task's result.
    let writtenSynonyms: [String]
    /// A field saying when something happened ("When the customer was created") or holding a time
    /// ("Due date (Unix seconds)").
    public private(set) var isTime: Bool
    /// The name, the synonyms and the provider's name at the end of a single path, as
    /// `FieldName.normalized` keys, worked out once: every task's result is matched against them for
    /// each requested field, and normalizing them on each match was a sixth of a task's CPU.
    private let keys: Set<String>

    public init(name: String, paths: [String], description: String? = nil, synonyms: [String] = []) {
        self.name = name
        self.paths = paths
        self.description = description
        self.synonyms = synonyms
        keys = Self.keys(name: name, paths: paths, synonyms: synonyms)
        writtenSynonyms = synonyms.map { $0.lowercased() }
        isTime = Self.isTime(description)
    }

    private static func keys(name: String, paths: [String], synonyms: [String]) -> Set<String> {
        let leaves = paths.count == 1 ? paths.compactMap { $0.split(separator: ".").last.map(String.init) } : []
        return Set(([name] + synonyms + leaves).map(FieldName.normalized))
    }

    enum CodingKeys: String, CodingKey { case name, path, description, synonyms }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        if let path = try? container.decode(String.self, forKey: .path) {
            paths = [path]
        } else {
            paths = try container.decode([String].self, forKey: .path)
        }
        description = try container.decodeIfPresent(String.self, forKey: .description)
        synonyms = try container.decodeIfPresent([String].self, forKey: .synonyms) ?? []
        keys = Self.keys(name: name, paths: paths, synonyms: synonyms)
        writtenSynonyms = synonyms.map { $0.lowercased() }
        isTime = Self.isTime(description)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        if paths.count == 1 { try container.encode(paths[0], forKey: .path) } else { try container.encode(paths, forKey: .path) }
        try container.encodeIfPresent(description, forKey: .description)
        if !synonyms.isEmpty { try container.encode(synonyms, forKey: .synonyms) }
    }

    /// Whether the caller's words name this field (compared as `FieldName.normalized`): its name,
    /// a synonym, or the provider's own name at the end of its path (`dealname`).
    public func answers(_ requested: String) -> Bool {
        answersKey(FieldName.normalized(requested))
    }

    /// `answers` for words already normalized (`FieldName.normalized`): a requested field tried
    /// against every declared field is normalized once.
    public func answersKey(_ wanted: String) -> Bool {
        guard !wanted.isEmpty else { return false }
        // "customer since date", "renewal day": a word saying it is a date adds nothing to a field that is one.
        let dated = ["_date", "_day", "_time"].first(where: wanted.hasSuffix).map { String(wanted.dropLast($0.count)) }
        return keys.contains(wanted) || (isTime && dated.map(keys.contains) == true)
    }

    private static func isTime(_ description: String?) -> Bool {
        let description = description?.lowercased() ?? ""
        return description.hasPrefix("when ") || description.contains("(unix seconds)")
    }

    /// The field's value in one record; nil when the record does not have it.
    public func value(in record: JSONValue) -> JSONValue? {
        let values = paths.compactMap { record.value(at: $0) }.filter { $0 != .null }
        guard values.count > 1 else { return values.first }
        return .string(values.map { $0.stringValue ?? $0.jsonText }.joined(separator: " "))
    }
}
