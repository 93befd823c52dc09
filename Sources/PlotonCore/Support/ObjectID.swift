import Foundation
import Synchronization

/// Prefixed random identifiers (`key_…`, `acct_…`), 24 base62 characters after the prefix.
public enum ObjectID {
    public static func generate(_ prefix: String) -> String { "\(prefix)_" + Base62.random(count: 24) }

    private static let lastMicros = Mutex<UInt64>(0)

    /// Like `generate`, but ids sort in creation order: 9 characters of microseconds since 1970
    /// (strictly increasing within a process), then 15 random ones. Used where order matters (events).
    public static func generateSortable(_ prefix: String) -> String {
        let micros = lastMicros.withLock { last in
            last = max(last + 1, UInt64(Date().timeIntervalSince1970 * 1_000_000))
            return last
        }
        return "\(prefix)_" + Base62.encode(micros, width: 9) + Base62.random(count: 15)
    }
}
