/// The lifecycle of a task: `pending` → `running` → `complete` | `failed`; `running` ⇄ `waiting`;
/// `pending`, `running` and `waiting` can be `cancelled`. The last three are final.
public enum TaskStatus: String, Sendable, Codable, CaseIterable {
    case pending, running, waiting, complete, failed, cancelled

    public var isFinal: Bool { [.complete, .failed, .cancelled].contains(self) }

    public func canMove(to next: TaskStatus) -> Bool {
        switch (self, next) {
        case (.pending, .running), (.pending, .cancelled), (.pending, .failed): true
        case (.running, .complete), (.running, .failed), (.running, .waiting), (.running, .cancelled): true
        case (.running, .running): true  // a lease moving to another worker after a crash
        case (.waiting, .running), (.waiting, .cancelled), (.waiting, .failed): true
        default: false
        }
    }
}
