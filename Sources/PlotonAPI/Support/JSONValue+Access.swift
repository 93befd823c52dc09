import Foundation

extension JSONValue {
    public var objectValue: [String: JSONValue]? { if case .object(let value) = self { value } else { nil } }
    public var arrayValue: [JSONValue]? { if case .array(let value) = self { value } else { nil } }
    public var stringValue: String? { if case .string(let value) = self { value } else { nil } }
    public var numberValue: Double? { if case .number(let value) = self { value } else { nil } }

    /// The value at a dotted path: object keys and array indexes (`results.0.latitude`). Two more
    /// components reach into lists: `*` maps the rest of the path over every item (`*.id`, the ids of
    /// a list), and `key[field=value]` picks the first item of the list at `key` whose `field` equals
    /// `value`, ignoring case (`payload.headers[name=Subject].value`, a Gmail header).
    public func value(at path: String) -> JSONValue? {
        value(at: path.split(separator: ".", omittingEmptySubsequences: true)[...])
    }

    private func value(at components: ArraySlice<Substring>) -> JSONValue? {
        var current: JSONValue? = self
        var rest = components
        while let component = rest.popFirst() {
            if component == "*" {
                guard case .array(let items)? = current else { return nil }
                return .array(items.compactMap { $0.value(at: rest) })
            }
            if component.last == "]", let open = component.firstIndex(of: "[") {
                let key = component[..<open]
                let condition = component[component.index(after: open)..<component.index(before: component.endIndex)]
                if !key.isEmpty { current = current?.objectValue?[String(key)] }
                current = current.flatMap { Self.first(in: $0, matching: condition) }
                continue
            }
            switch current {
            case .object(let object): current = object[String(component)]
            case .array(let array):
                guard let index = Int(component), array.indices.contains(index) else { return nil }
                current = array[index]
            default: return nil
            }
        }
        return current
    }

    /// The first item of a list whose `field=value` holds (`name=Subject`), ignoring case.
    private static func first(in list: JSONValue, matching condition: Substring) -> JSONValue? {
        guard case .array(let items) = list, let equals = condition.firstIndex(of: "=") else { return nil }
        let field = String(condition[..<equals])
        let wanted = condition[condition.index(after: equals)...].lowercased()
        return items.first { $0.objectValue?[field]?.stringValue?.lowercased() == wanted }
    }

    /// Compact JSON text with sorted keys, for storage and summaries (`JSONTextWriter`: the bytes
    /// `JSONEncoder` writes, without it).
    public var jsonText: String { JSONTextWriter.text(self) ?? "null" }

    /// Indented, for people to read and edit.
    public var prettyJSONText: String { encoded([.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]) }

    private func encoded(_ formatting: JSONEncoder.OutputFormatting) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = formatting
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
    }

    public static func parse(_ text: String) -> JSONValue? {
        JSONValueParser.parse(text) ?? (try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)))
    }

    /// `text` read as a `JSONValue`, an object of them or an array of strings without `JSONDecoder`
    /// (`JSONValueParser`); nil for other types, and for text the decoder is to read (or refuse).
    public static func decoded<Value>(_ text: String, as type: Value.Type) -> Value? {
        guard type == JSONValue.self || type == [String: JSONValue].self || type == [String].self,
            let value = JSONValueParser.parse(text)
        else { return nil }
        switch value {
        case .object(let object) where type == [String: JSONValue].self: return object as? Value
        case .array(let items) where type == [String].self:
            let strings = items.compactMap(\.stringValue)
            return strings.count == items.count ? strings as? Value : nil
        default: return type == JSONValue.self ? value as? Value : nil
        }
    }
}
