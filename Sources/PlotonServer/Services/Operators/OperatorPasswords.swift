import Fluent
import Foundation
import PlotonAPI
import PlotonCore
import SQLKit
import Vapor

/// Operator passwords: bcrypt (cost 12) on the application's thread pool, so hashing never blocks
/// an event loop; sign-in with a doubling lock after repeated failures.
struct OperatorPasswords {
    static let cost = 12
    /// Compared against when no such operator exists, so an unknown email costs as much time as a
    /// wrong password and response times do not tell which emails have accounts.
    private static let decoy = try! Bcrypt.hash("ploton-decoy-password", cost: cost)

    let database: any Database
    let threadPool: NIOThreadPool
    let now: Date
    var backoff = SignInBackoff()

    enum Outcome {
        case signedIn(OperatorUser)
        case refused
        case locked(until: Date)
    }

    static func normalised(email: String) -> String { email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() }

    func hash(_ password: String) async throws -> String {
        try await threadPool.runIfActive { try Bcrypt.hash(password, cost: Self.cost) }
    }

    private func matches(_ password: String, _ hash: String) async throws -> Bool {
        try await threadPool.runIfActive { (try? Bcrypt.verify(password, created: hash)) ?? false }
    }

    /// Checks the password unless the account is locked; failures count towards the lock.
    func signIn(email: String, password: String) async throws -> Outcome {
        let user = try await OperatorUser.query(on: database).filter(\.$email == Self.normalised(email: email)).first()
        guard let user, let hash = user.passwordHash else {
            _ = try await matches(password, Self.decoy)
            return .refused
        }
        if let until = user.lockedUntil, until > now { return .locked(until: until) }
        let id = try user.requireID()
        guard try await matches(password, hash) else { return try await countFailure(of: id) }
        // Unconditionally: failures counted since `user` was read are not in it.
        try await OperatorUser.query(on: database).filter(\.$id == id).set(\.$failedSignIns, to: 0).set(\.$lockedUntil, to: nil)
            .update()
        user.failedSignIns = 0
        user.lockedUntil = nil
        return .signedIn(user)
    }

    /// Counts a failure in the database (`failed_sign_ins + 1`), so that guesses made at once, in
    /// this process or another, each count, and locks the operator for the count reached. The
    /// transaction holds the row until the lock is written, so a later count's lock is never
    /// overwritten by an earlier one's.
    private func countFailure(of id: String) async throws -> Outcome {
        let (backoff, now) = (backoff, now)
        return try await database.writeTransaction { database in
            guard let sql = database as? any SQLDatabase else { throw DatabaseWithoutSQL() }
            let failures = try await sql.raw(
                """
                UPDATE \(ident: OperatorUser.schema) SET failed_sign_ins = failed_sign_ins + 1
                WHERE id = \(bind: id) RETURNING failed_sign_ins
                """
            ).first(decodingColumn: "failed_sign_ins", as: Int.self)
            guard let failures, let lock = backoff.lock(afterFailures: failures) else { return .refused }
            let until = now.addingTimeInterval(lock)
            try await OperatorUser.query(on: database).filter(\.$id == id).set(\.$lockedUntil, to: until).update()
            return .locked(until: until)
        }
    }

    /// Sets the email and password of `user`; the current password is required once one is set.
    func setCredentials(of user: OperatorUser, email: String, newPassword: String, currentPassword: String?) async throws {
        if let problem = OperatorPasswordRule.problem(with: newPassword) { throw OperatorError.weakPassword(problem: problem) }
        if let current = user.passwordHash {
            guard let currentPassword, try await matches(currentPassword, current) else {
                throw OperatorError.wrongCurrentPassword
            }
        }
        try await claim(email: email, for: user, passwordHash: try await hash(newPassword))
    }

    /// Gives `user` the email (unique among operators) and, when given, a new password hash.
    func claim(email: String, for user: OperatorUser, passwordHash: String? = nil) async throws {
        let email = Self.normalised(email: email)
        guard email.count <= 254, email.split(separator: "@", omittingEmptySubsequences: false).count == 2, !email.hasPrefix("@"),
            !email.hasSuffix("@"), !email.contains(" ")
        else { throw OperatorError.invalidEmail }
        if let other = try await OperatorUser.query(on: database).filter(\.$email == email).first(), other.id != user.id {
            throw OperatorError.emailTaken(email)
        }
        user.email = email
        if let passwordHash {
            user.passwordHash = passwordHash
            user.failedSignIns = 0
            user.lockedUntil = nil
        }
        try await user.update(on: database)
    }
}
