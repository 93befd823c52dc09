import NIOCore
import PostgresNIO

/// A PostgreSQL array whose elements may be `NULL`, bound as one parameter (a batch's column for
/// `unnest`): PostgresNIO encodes arrays of non-optional elements only.
struct NullableArray<Element: PostgresArrayEncodable & PostgresNonThrowingEncodable & Encodable & Sendable>: Encodable,
    Sendable, PostgresNonThrowingEncodable
{
    var elements: [Element?]

    init(_ elements: [Element?]) { self.elements = elements }

    static var psqlType: PostgresDataType { Element.psqlArrayType }
    static var psqlFormat: PostgresFormat { .binary }

    /// The binary array format: dimensions, whether any element is `NULL`, the element type, the
    /// length and lower bound of the one dimension, then each element's length (-1: `NULL`) and bytes.
    func encode<JSONEncoder: PostgresJSONEncoder>(into buffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>) {
        buffer.writeInteger(elements.isEmpty ? 0 : 1, as: Int32.self)
        buffer.writeInteger(elements.contains { $0 == nil } ? 1 : 0, as: Int32.self)
        buffer.writeInteger(Element.psqlType.rawValue)
        guard !elements.isEmpty else { return }
        buffer.writeInteger(Int32(elements.count))
        buffer.writeInteger(1, as: Int32.self)
        for element in elements {
            guard let element else {
                buffer.writeInteger(-1, as: Int32.self)
                continue
            }
            let start = buffer.writerIndex
            buffer.writeInteger(0, as: Int32.self)
            element.encode(into: &buffer, context: context)
            buffer.setInteger(Int32(buffer.writerIndex - start - 4), at: start)
        }
    }
}
