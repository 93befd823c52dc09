import FluentKit
import PlotonAPI
import Vapor

/// `limit` (1–100, default 20) and `offset` (≥ 0, default 0) of list endpoints.
struct Pagination: Equatable {
    static let defaultLimit = 20
    static let maxLimit = 100

    var limit: Int
    var offset: Int

    init(limit: Int = Pagination.defaultLimit, offset: Int = 0) {
        self.limit = limit
        self.offset = offset
    }

    init(_ request: Request) throws {
        self.init(
            limit: try Self.integer(request, "limit", in: 1...Self.maxLimit) ?? Self.defaultLimit,
            offset: try Self.integer(request, "offset", in: 0...Int(Int32.max)) ?? 0)
    }

    private static func integer(_ request: Request, _ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let raw = request.queryValue(name) else { return nil }
        guard let value = Int(raw), range.contains(value) else {
            throw APIFailure.invalid(name, "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound).")
        }
        return value
    }

    /// Fetches one more row than asked, to know whether there is a next page.
    func page<Model: FluentKit.Model>(_ query: QueryBuilder<Model>) async throws -> (items: [Model], hasMore: Bool) {
        let rows = try await query.range(offset..<(offset + limit + 1)).all()
        return (Array(rows.prefix(limit)), rows.count > limit)
    }
}
