import Fluent
import Foundation
import PlotonAPI
import Vapor

/// Stores and replays idempotent responses. The unique index on (account, environment, key) makes
/// the first writer win on every backend; everyone else reads what it wrote.
struct IdempotencyStore {
    enum Outcome {
        case started(IdempotencyRecord)
        case replay(Response, originalRequestID: String?)
    }

    let database: any Database
    let accountID: String
    let environment: String
    let now: Date
    let ttl: TimeInterval

    func begin(key: String, fingerprint: String) async throws -> Outcome {
        for _ in 0..<2 {
            let record = IdempotencyRecord(
                accountID: accountID, environment: environment, key: key, fingerprint: fingerprint, now: now, ttl: ttl)
            do {
                try await record.create(on: database)
                return .started(record)
            } catch {
                guard let existing = try await find(key) else { throw error }
                if existing.expiresAt <= now {
                    try await existing.delete(on: database)
                    continue
                }
                return .replay(try replay(existing, fingerprint: fingerprint), originalRequestID: existing.requestID)
            }
        }
        throw APIFailure(.idempotencyConflict, "Another request with this Idempotency-Key is in progress. Retry shortly.")
    }

    func finish(_ record: IdempotencyRecord, with response: Response, requestID: String) async throws {
        guard response.status.code < 500 else {
            try await record.delete(on: database)
            return
        }
        record.state = IdempotencyRecord.State.complete.rawValue
        record.requestID = requestID
        record.responseStatus = Int(response.status.code)
        record.responseContentType = response.headers.first(name: .contentType)
        record.responseBody = response.body.buffer.map { Data(buffer: $0) } ?? Data()
        try await record.update(on: database)
    }

    private func find(_ key: String) async throws -> IdempotencyRecord? {
        try await IdempotencyRecord.query(on: database)
            .filter(\.$account.$id == accountID)
            .filter(\.$environment == environment)
            .filter(\.$key == key)
            .first()
    }

    private func replay(_ record: IdempotencyRecord, fingerprint: String) throws -> Response {
        guard record.fingerprint == fingerprint else {
            throw APIFailure(
                .idempotencyKeyReused,
                "This Idempotency-Key was already used with a different request. Use a new key for a new request.",
                param: IdempotencyMiddleware.header)
        }
        guard record.state == IdempotencyRecord.State.complete.rawValue, let status = record.responseStatus else {
            throw APIFailure(.idempotencyConflict, "Another request with this Idempotency-Key is in progress. Retry shortly.")
        }
        var headers = HTTPHeaders()
        if let contentType = record.responseContentType { headers.replaceOrAdd(name: .contentType, value: contentType) }
        headers.replaceOrAdd(name: IdempotencyMiddleware.replayedHeader, value: "true")
        return Response(status: HTTPStatus(statusCode: status), headers: headers, body: .init(data: record.responseBody ?? Data()))
    }

    /// Deletes records past their 24 h; run periodically.
    static func prune(database: any Database, now: Date) async throws {
        try await IdempotencyRecord.query(on: database).filter(\.$expiresAt <= now).delete()
    }
}
