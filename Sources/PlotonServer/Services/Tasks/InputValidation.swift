import PlotonCore

/// Checks answers against a waiting task's `input_schema`: the small JSON Schema subset planners
/// emit (`type: object`, `properties` with primitive `type`s, `required`).
enum InputValidation {
    static func validate(_ input: [String: JSONValue], against schema: JSONValue) throws {
        let properties = schema.value(at: "properties")?.objectValue ?? [:]
        for name in schema.value(at: "required")?.arrayValue?.compactMap(\.stringValue) ?? [] {
            guard let value = input[name], value != .null else {
                throw InputError.required(field: "input.\(name)")
            }
        }
        for (name, value) in input {
            guard let expected = properties[name]?.value(at: "type")?.stringValue else { continue }
            guard matches(value, type: expected) else {
                throw InputError.wrongType(field: "input.\(name)", expected: expected, actual: value.typeName)
            }
            if expected == "string", value.stringValue?.trimmingCharacters(in: .whitespaces).isEmpty == true {
                throw InputError.blank(field: "input.\(name)")
            }
        }
    }

    /// Keys starting with `$` are the server's own bookkeeping in a task's input (`$approved_steps`
    /// approves a step), so no answer may carry one, at any depth.
    static func refuseReservedKeys(_ value: JSONValue, at path: String = "input") throws {
        switch value {
        case .object(let object):
            for (key, nested) in object.sorted(by: { $0.key < $1.key }) {
                guard !key.hasPrefix("$") else {
                    throw InputError.reservedKey(field: "\(path).\(key)")
                }
                try refuseReservedKeys(nested, at: "\(path).\(key)")
            }
        case .array(let items):
            for (index, item) in items.enumerated() { try refuseReservedKeys(item, at: "\(path)[\(index)]") }
        default: break
        }
    }

    static func matches(_ value: JSONValue, type: String) -> Bool {
        switch (type, value) {
        case ("string", .string), ("boolean", .bool), ("number", .number), ("object", .object), ("array", .array): true
        case ("integer", .number(let number)): number.rounded() == number
        default: false
        }
    }
}
