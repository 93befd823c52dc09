import Foundation
import PlotonAPI

/// One page of a list endpoint.
public struct Page<Item: Codable & Sendable>: Codable, Sendable {
    public var data: [Item]
    public var hasMore: Bool

    enum CodingKeys: String, CodingKey {
        case data
        case hasMore = "has_more"
    }
}

/// Every item of a list endpoint, fetched page by page as it is iterated.
public struct Paginated<Item: Codable & Sendable>: AsyncSequence, Sendable {
    public typealias Element = Item
    let pageSize: Int
    let fetch: @Sendable (_ limit: Int, _ offset: Int) async throws -> Page<Item>

    public struct AsyncIterator: AsyncIteratorProtocol {
        let sequence: Paginated
        var buffer: [Item] = []
        var offset = 0
        var done = false

        public mutating func next() async throws -> Item? {
            if buffer.isEmpty, !done {
                let page = try await sequence.fetch(sequence.pageSize, offset)
                buffer = page.data
                offset += page.data.count
                done = !page.hasMore || page.data.isEmpty
            }
            return buffer.isEmpty ? nil : buffer.removeFirst()
        }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(sequence: self) }
}
