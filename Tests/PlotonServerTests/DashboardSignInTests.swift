import Fluent
import Foundation
import PlotonCore
import Testing
import VaporTesting

@testable import PlotonServer

/// Operators sign in with an email and a bcrypt-hashed password, set after the one-time link;
/// repeated failures lock the operator for a doubling while.
@Suite struct DashboardSignInTests {
    static let password = "correct horse battery staple"

    /// Opens the sign-in form; returns its double-submit cookie and token.
    func signInForm(_ t: TestApp) async throws -> (cookie: String, token: String) {
        let page = try await t.send(.GET, "dashboard/sign-in")
        #expect(page.status == .ok && page.body.string.contains(#"id="password""#))
        let header = try #require(page.headers.first(name: .setCookie))
        #expect(header.contains("HttpOnly") && header.contains("SameSite=Strict"))
        let token = try #require(DashboardClient.value(of: "form_token", in: page.body.string))
        return (String(try #require(header.split(separator: ";").first)), token)
    }

    func signIn(_ t: TestApp, email: String, password: String) async throws -> TestingHTTPResponse {
        let (cookie, token) = try await signInForm(t)
        return try await DashboardClient.post(
            t, "dashboard/sign-in", ["email": email, "password": password, "form_token": token], cookie: cookie)
    }

    @Test func the_owner_sets_a_password_after_the_link_and_signs_in_with_it() async throws {
        try await withPloton { t async throws in
            let linked = try await t.send(.GET, try TestApp.local(t.firstRun.signInURL))
            #expect(linked.headers.first(name: .location) == "/dashboard/overview")
            let owner = try await DashboardClient.signIn(t, response: linked)
            #expect(try await owner.get("dashboard").body.string.contains("Set an email and password"))

            let short = try await owner.post("dashboard/account", ["email": "ops@example.com", "password": "too short"])
            #expect(short.status == .unprocessableEntity && short.body.string.contains("at least 12 characters"))
            let saved = try await owner.post("dashboard/account", ["email": "Ops@Example.com", "password": Self.password])
            #expect(saved.status == .ok && saved.body.string.contains("Saved."))
            let user = try #require(try await OperatorUser.query(on: t.db).first())
            #expect(user.email == "ops@example.com")
            let hash = try #require(user.passwordHash)
            #expect(hash.hasPrefix("$2b$12$") && !hash.contains(Self.password), "bcrypt, cost 12")

            let change = try await owner.post("dashboard/account", ["email": "ops@example.com", "password": "another long password"])
            #expect(change.status == .unprocessableEntity && change.body.string.contains("current password"), "needs the current one")

            #expect(try await signIn(t, email: "ops@example.com", password: "wrong password!!").status == .unauthorized)
            #expect(try await signIn(t, email: "nobody@example.com", password: Self.password).status == .unauthorized)
            let signedIn = try await signIn(t, email: " OPS@example.com ", password: Self.password)
            #expect(signedIn.status == .seeOther && signedIn.headers.first(name: .location) == "/dashboard/overview")
            let session = try await DashboardClient.signIn(t, response: signedIn)
            #expect(try await session.get("dashboard").body.string.contains("Viewing <strong>test</strong>"))

            // A new password signs the operator out of every other session.
            let changed = try await session.post(
                "dashboard/account", ["email": "ops@example.com", "password": "a brand new password", "current_password": Self.password])
            #expect(changed.status == .ok)
            #expect(try await owner.get("dashboard").status == .seeOther, "the older session ended")
            #expect(try await session.get("dashboard").status == .ok, "the one that changed it goes on")

            // Login CSRF: a form posted from elsewhere has no matching double-submit cookie.
            let forged = try await DashboardClient.post(
                t, "dashboard/sign-in", ["email": "ops@example.com", "password": Self.password, "form_token": "x"], cookie: nil)
            #expect(forged.status == .forbidden && forged.headers.first(name: .setCookie)?.contains("ploton_session") != true)
        }
    }

    @Test func repeated_failures_lock_the_operator_for_a_doubling_while() async throws {
        try await withPloton { t async throws in
            let owner = try await DashboardClient.signIn(t)
            try await owner.post("dashboard/account", ["email": "ops@example.com", "password": Self.password])
            for _ in 1...4 { #expect(try await signIn(t, email: "ops@example.com", password: "not the password").status == .unauthorized) }
            let fifth = try await signIn(t, email: "ops@example.com", password: "not the password")
            #expect(fifth.status == .tooManyRequests && fifth.headers.first(name: .retryAfter) == "30")
            let locked = try await signIn(t, email: "ops@example.com", password: Self.password)
            #expect(locked.status == .tooManyRequests && locked.body.string.contains("Too many failed sign-ins"), "even the right one")

            t.clock.advance(by: 31)
            let sixth = try await signIn(t, email: "ops@example.com", password: "not the password")
            #expect(sixth.status == .tooManyRequests && sixth.headers.first(name: .retryAfter) == "60", "the lock doubles")
            t.clock.advance(by: 61)
            #expect(try await signIn(t, email: "ops@example.com", password: Self.password).status == .seeOther)
            let user = try #require(try await OperatorUser.query(on: t.db).first())
            #expect(user.failedSignIns == 0 && user.lockedUntil == nil, "success resets the count")

            // Maintenance drops sessions (12 h) and sign-in links (7 days) once they expire.
            #expect(try await DashboardSession.query(on: t.db).count() == 2)
            t.clock.advance(by: 8 * 86_400)
            await t.worker().maintain()
            #expect(try await DashboardSession.query(on: t.db).count() == 0)
            #expect(try await SignInLink.query(on: t.db).count() == 0)
        }
    }

    @Test func wrong_passwords_sent_at_once_all_count_and_lock_the_operator() async throws {
        try await withPloton { t async throws in
            let owner = try await DashboardClient.signIn(t)
            try await owner.post("dashboard/account", ["email": "ops@example.com", "password": Self.password])
            // Each guess reads the operator before its bcrypt; counted from that read, twelve made one.
            let passwords = OperatorPasswords(database: t.db, threadPool: t.app.threadPool, now: t.clock.now)
            let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
                for guess in 1...12 {
                    group.addTask {
                        if case .locked = try await passwords.signIn(email: "ops@example.com", password: "wrong guess \(guess)") {
                            return true
                        }
                        return false
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 8, "the fifth to twelfth failures each lock")
            let user = try #require(try await OperatorUser.query(on: t.db).first())
            #expect(user.failedSignIns == 12)

            let locked = try await signIn(t, email: "ops@example.com", password: Self.password)
            #expect(locked.status == .tooManyRequests && locked.headers.first(name: .retryAfter) == "3600", "the longest lock")
            t.clock.advance(by: 3599)
            #expect(try await signIn(t, email: "ops@example.com", password: Self.password).status == .tooManyRequests)
            t.clock.advance(by: 2)
            #expect(try await signIn(t, email: "ops@example.com", password: Self.password).status == .seeOther)
            let reset = try #require(try await OperatorUser.query(on: t.db).first())
            #expect(reset.failedSignIns == 0 && reset.lockedUntil == nil)
        }
    }

    @Test func a_link_from_users_create_signs_in_that_operator() async throws {
        try await withPloton { t async throws in
            let created = try await OperatorAdministration(app: t.app).create(
                account: "default", email: "ann@example.com", name: "Ann", password: nil)
            let link = try #require(created.signInURL)
            let response = try await t.send(.GET, try TestApp.local(link))
            let ann = try await DashboardClient.signIn(t, response: response)
            #expect(try await ann.get("dashboard/account").body.string.contains("Signed in as <strong>ann@example.com</strong>"))
            let session = try #require(try await DashboardSession.query(on: t.db).first())
            #expect(session.$user.id == created.id)

            // A forgotten password: reset ends the sessions, and the new link lets Ann set a new one.
            try await ann.post("dashboard/account", ["email": "ann@example.com", "password": Self.password])
            let reset = try await OperatorAdministration(app: t.app).reset(account: "default", email: "ann@example.com")
            #expect(try await ann.get("dashboard").status == .seeOther, "signed out")
            let again = try await DashboardClient.signIn(
                t, response: try await t.send(.GET, try TestApp.local(try #require(reset.signInURL))))
            let saved = try await again.post("dashboard/account", ["email": "ann@example.com", "password": "a fresh long password"])
            #expect(saved.status == .ok, "no current password is needed after a reset")
            #expect(try await signIn(t, email: "ann@example.com", password: "a fresh long password").status == .seeOther)
        }
    }
}
