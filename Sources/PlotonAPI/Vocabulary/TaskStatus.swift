/// The lifecycle of a task: `pending` → `running` → `complete` | `failed`; `running` ⇄ `waiting`;
/// `pending`, `running` and `waiting` can be `cancelled`. The last three are final.
/// The transitions themselves are the domain's (`canMove(to:)` in PlotonCore).
public enum TaskStatus: String, Sendable, Codable, CaseIterable {
    case pending, running, waiting, complete, failed, cancelled

    public var isFinal: Bool { [.complete, .failed, .cancelled].contains(self) }
}
