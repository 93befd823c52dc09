import PlotonCore

extension TaskFailure {
    /// A task whose workers kept dying (or overrunning their claim) while they ran it.
    static func workerCrashed(times: Int) -> Self {
        .init(
            code: .workerCrashed,
            message: "The task stopped its worker \(times) times (the process crashed, was killed or ran out of time while running it), "
                + "so it is not run again.",
            recoverable: false,
            suggestion: "Check the server logs around this task's claims for the cause. Create the task again only once that is fixed, "
                + "or split the prompt into smaller tasks.")
    }
}
