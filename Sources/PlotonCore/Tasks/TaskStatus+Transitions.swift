extension TaskStatus {
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
