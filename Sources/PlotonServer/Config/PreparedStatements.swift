import NIOCore
import PostgresNIO
import SQLKit
import Synchronization

/// The hot path's SQL as named prepared statements, kept per PostgreSQL connection.
///
/// PostgreSQL parses, analyses and plans an unnamed statement (what PostgresKit sends) each time
/// it runs: planning alone was about a quarter of its CPU at the engine's maximum rate. A prepared
/// statement is parsed once per connection and, after its first runs, keeps a generic plan, which
/// suits the hot path's inserts and index lookups (not a query whose best plan depends on its
/// values, such as the claims: those stay unnamed).
///
/// PostgresNIO prepares a `PostgresPreparedStatement` on a connection the first time that
/// connection runs it, under the type's static `name` and `sql`; a new connection (after a
/// database restart) prepares it again. The hot path's SQL is built at run time (a task's steps,
/// events and outbox rows are rows of its one statement), so each distinct text, together with
/// its parameters' types (a `NULL` leaves its type to PostgreSQL, as an unnamed statement does),
/// is given one of a fixed set of statement types, `Slot<…>`, the first time it runs. A text
/// that finds every slot taken, or a value PostgresKit encodes only through `Codable`, runs
/// unnamed as before.
enum PreparedStatements {
    /// Distinct texts per process; each is prepared once on every pooled connection that runs it.
    static let capacity = 64

    /// `query` ready to run as its slot's prepared statement; nil: run it unnamed.
    static func statement(for query: any SQLExpression, on database: any SQLDatabase) -> Statement? {
        var serializer = SQLSerializer(database: database)
        query.serialize(to: &serializer)
        var bindings = PostgresBindings(capacity: serializer.binds.count)
        var key = serializer.sql
        for bind in serializer.binds {
            guard let type = append(bind, to: &bindings) else { return nil }
            key += " \(type.rawValue)"
        }
        guard let slot = slot(for: key, sql: serializer.sql) else { return nil }
        return Statement(slot: slot, bindings: bindings)
    }

    /// A statement whose text depends only on `key` (the caller's statement shape; `text` builds it
    /// the first time the key is seen), with its binds already encoded by the caller: no SQLKit
    /// serialisation and no dynamic casts per call. nil: every slot is taken (run it unnamed).
    static func statement(key: String, bindings: PostgresBindings, text: () -> String) -> Statement? {
        // A fixed key starts with a character no SQL text starts with, so it never meets one.
        let key = "#" + key
        if let known = registry.withLock({ $0.slotOfKey[key] }) { return Statement(slot: known, bindings: bindings) }
        guard let slot = slot(for: key, sql: text()) else { return nil }
        return Statement(slot: slot, bindings: bindings)
    }

    /// A query bound to its slot: run on the connection the caller holds (a transaction's own).
    struct Statement: Sendable {
        let slot: Int
        let bindings: PostgresBindings

        /// PostgresNIO writes a prepared statement to its connection from the calling task, not in
        /// the pool's hand-over as PostgresKit writes an unnamed one: a connection that closes in
        /// between (a database restart) never answers it. Such a statement fails with
        /// `DatabaseConnectionLost` half a second after the close (`untilLost`); unguarded, it held
        /// its task run, and with it the worker's claims, until the claim deadline.
        func rows(on connection: PostgresConnection) async throws -> [PostgresRow] {
            try await futureRows(on: connection).get()
        }

        /// `rows(on:)` for a pool's `withConnection`, in one task.
        func futureRows(on connection: PostgresConnection) -> EventLoopFuture<[PostgresRow]> {
            connection.untilLost { try await rowsUnguarded(on: connection) }
        }

        private func rowsUnguarded(on connection: PostgresConnection) async throws -> [PostgresRow] {
            do {
                return try await Self.run(PreparedStatements.slots[slot], bindings, on: connection)
            } catch let error as PSQLError {
                // PostgresNIO keeps a failed preparation's error for the statement's name on that
                // connection for good. A preparation fails for passing reasons too (inside a
                // transaction that had already failed, a lock wait cancelled), so the connection
                // is retired after any server error but a constraint violation (class 23, which
                // only an execution raises); the pool opens another.
                if let state = error.serverInfo?[.sqlState], !state.hasPrefix("23") {
                    let _: EventLoopFuture<Void> = connection.close()
                }
                throw error
            }
        }

        private static func run<S: PreparedSlot>(
            _: S.Type, _ bindings: PostgresBindings, on connection: PostgresConnection
        ) async throws -> [PostgresRow] {
            var rows: [PostgresRow] = []
            for try await row in try await connection.execute(S(bindings: bindings), logger: connection.logger) { rows.append(row) }
            return rows
        }
    }

    /// A bind as PostgresKit encodes it, for the values the hot path binds; nil for any other.
    private static func append(_ bind: any Encodable & Sendable, to bindings: inout PostgresBindings) -> PostgresDataType? {
        // A value first (most binds are one; an `Optional` holding one casts to it), then `NULL`.
        if let value = bind as? any PostgresThrowingDynamicTypeEncodable {
            guard (try? bindings.append(value, context: .default)) != nil else { return nil }
            return value.psqlType
        }
        if (bind as? any OptionalBind)?.isNone == true {
            bindings.appendNull()
            return .null
        }
        // A `String`-backed enum: `Codable` encodes its raw value, and PostgresKit sends that as text.
        if let raw = (bind as? any RawRepresentable)?.rawValue as? String {
            bindings.append(raw)
            return String.psqlType
        }
        return nil
    }

    private struct Registry {
        var slotOfKey: [String: Int] = [:]
        var texts: [String] = []
    }

    private static let registry = Mutex(Registry())
    fileprivate static let slots: [any PreparedSlot.Type] = makeSlots(FirstSlot.self, count: capacity)

    private static func slot(for key: String, sql: String) -> Int? {
        registry.withLock { registry in
            if let slot = registry.slotOfKey[key] { return slot }
            guard registry.texts.count < capacity else { return nil }
            registry.texts.append(sql)
            registry.slotOfKey[key] = registry.texts.count - 1
            return registry.texts.count - 1
        }
    }

    fileprivate static func text(ofSlot slot: Int) -> String { registry.withLock { $0.texts[slot] } }

    private static func makeSlots<Tag: SlotTag>(_: Tag.Type, count: Int) -> [any PreparedSlot.Type] {
        count == 0 ? [] : [Slot<Tag>.self] + makeSlots(NextSlot<Tag>.self, count: count - 1)
    }
}

/// One of the statement types `PreparedStatements` hands out: PostgresNIO names a prepared
/// statement by its type, so each slot is a type of its own, numbered by its tag.
protocol PreparedSlot: PostgresPreparedStatement where Row == PostgresRow {
    init(bindings: PostgresBindings)
}

private struct Slot<Tag: SlotTag>: PreparedSlot {
    static var name: String { "ploton_\(Tag.number)" }
    static var sql: String { PreparedStatements.text(ofSlot: Tag.number) }

    let bindings: PostgresBindings

    init(bindings: PostgresBindings) { self.bindings = bindings }

    func makeBindings() -> PostgresBindings { bindings }
    func decodeRow(_ row: PostgresRow) -> PostgresRow { row }
}

private protocol SlotTag { static var number: Int { get } }
private enum FirstSlot: SlotTag { static var number: Int { 0 } }
private enum NextSlot<Previous: SlotTag>: SlotTag { static var number: Int { Previous.number + 1 } }

private protocol OptionalBind { var isNone: Bool { get } }
extension Optional: OptionalBind { fileprivate var isNone: Bool { self == nil } }
