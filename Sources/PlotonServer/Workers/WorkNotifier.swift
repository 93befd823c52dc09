import Fluent
import SQLKit

/// Tells workers there is work: this process's worker directly, and on PostgreSQL every other
/// process's through `NOTIFY` (they `LISTEN`, see PostgresWakeUpListener).
enum WorkNotifier {
    static let channel = "ploton_work"

    static func notify(database: any Database, wakeUp: WakeUp) async {
        wakeUp.signal()
        guard let sql = database as? any SQLDatabase, sql.dialect.name == "postgresql" else { return }
        try? await sql.raw("SELECT pg_notify(\(literal: channel), '')").run()
    }
}
