/// A `Decoder` over a `JSONValue` already read, so a request type is made from the body's value
/// without writing it out as text and reading that again (`RequestBody.decode`). It serves only
/// what `RequestFields` asks for, the whole value; any other use throws `Unsupported`, and the
/// caller then decodes the value's text as before.
public struct JSONValueDecoder: Decoder {
    public let value: JSONValue
    public var codingPath: [any CodingKey] { [] }
    public var userInfo: [CodingUserInfoKey: Any] { [:] }

    public init(_ value: JSONValue) { self.value = value }

    /// Asked for something other than the whole value.
    public struct Unsupported: Error {}

    public func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> { throw Unsupported() }
    public func unkeyedContainer() throws -> any UnkeyedDecodingContainer { throw Unsupported() }
    public func singleValueContainer() throws -> any SingleValueDecodingContainer { throw Unsupported() }
}
