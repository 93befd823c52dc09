import PlotonAPI

/// Why a task could not be found, cancelled or answered (reported by HTTP/DomainFailures.swift).
enum TaskError: Error, Equatable {
    case notFound(String)
    /// The task is `complete`, `failed` or `cancelled`: `status` is what it is now.
    case alreadyFinished(status: TaskStatus)
    /// The task is not waiting for input or approval: `status` is what it is now, `reason` what it waits for, if anything.
    case notWaiting(status: TaskStatus, reason: String?)
    /// It waits for approval and the answer carries no `approve`.
    case approvalExpected
    /// It waits for input and the answer carries no `input`.
    case inputExpected
}

/// Why an answer to a waiting task's `input_schema` was refused (InputValidation); `field` is its
/// path, such as `input.email`.
enum InputError: Error, Equatable {
    case required(field: String)
    case wrongType(field: String, expected: String, actual: String)
    case blank(field: String)
    /// Keys starting with `$` are the server's own bookkeeping.
    case reservedKey(field: String)
}
