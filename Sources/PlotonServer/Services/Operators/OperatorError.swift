/// Why an operator's credentials were not changed, or an operator not found (reported by HTTP/DomainFailures.swift).
enum OperatorError: Error, Equatable {
    /// `problem` says what the password lacks (`OperatorPasswordRule`).
    case weakPassword(problem: String)
    case wrongCurrentPassword
    case invalidEmail
    case emailTaken(String)
    case notFound(email: String, account: String)
}
