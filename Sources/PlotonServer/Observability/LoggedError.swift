import PostgresNIO

/// How an error is written to the logs. PostgreSQL's errors carry a detail, a location context
/// and the query, which quote the data that failed (a request's body, a tool's output, a secret
/// field of a definition): they are logged with their code, SQLSTATE and message only.
enum LoggedError {
    static func description(_ error: any Error) -> String {
        guard let error = error as? PSQLError else { return String(reflecting: error) }
        guard error.code == .server else { return "PSQLError(code: \(error.code))" }
        let state = error.serverInfo?[.sqlState] ?? "?"
        let message = error.serverInfo?[.message] ?? ""
        return "PSQLError(code: server, sqlState: \(state), message: \(message))"
    }
}
