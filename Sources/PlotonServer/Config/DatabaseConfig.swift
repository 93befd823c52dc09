/// Where the data lives: an embedded SQLite file (or memory, for tests) or a PostgreSQL server.
public enum DatabaseConfig: Sendable, Equatable, CustomStringConvertible {
    case sqliteFile(path: String)
    case sqliteMemory
    case postgres(url: String)

    /// Parses `sqlite://PATH`, `sqlite://:memory:` or `postgres://user:pass@host:port/db`.
    public init?(url: String) {
        if url.hasPrefix("sqlite://") {
            let path = String(url.dropFirst("sqlite://".count))
            guard !path.isEmpty else { return nil }
            self = path == ":memory:" ? .sqliteMemory : .sqliteFile(path: path)
        } else if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
            self = .postgres(url: url)
        } else {
            return nil
        }
    }

    public var isPostgres: Bool { if case .postgres = self { true } else { false } }

    /// Safe to log: the PostgreSQL password is never shown.
    public var description: String {
        switch self {
        case .sqliteFile(let path): "sqlite://\(path)"
        case .sqliteMemory: "sqlite://:memory:"
        case .postgres(let url):
            if let at = url.lastIndex(of: "@"), let scheme = url.range(of: "://") {
                "\(url[..<scheme.upperBound])<redacted>\(url[at...])"
            } else {
                "postgres://<redacted>"
            }
        }
    }
}
