import Foundation
import PlotonTestSupport
import Testing
import VaporTesting

@testable import PlotonServer

/// The per-request log line never carries a hosted page's token, whether in the path
/// (`/approve/{token}`, `/settings/{token}`) or the query (`?session=`, `?code=&state=`, `?token=`).
@Suite struct RequestLogTests {
    @Test func hosted_page_tokens_never_reach_the_log() async throws {
        try await withPloton { t async throws in
            let capture = LogCapture()
            t.app.logger = capture.logger
            var secrets: [String] = []
            func value(_ name: String, in url: String) throws -> String {
                let value = try #require(URLComponents(string: url)?.queryItems?.first { $0.name == name }?.value)
                secrets.append(value)
                return value
            }

            // Consent: /auth/{tool}?session=…, the sandbox provider, /oauth/callback/{tool}?code=…&state=….
            let authorize = try await t.send(.POST, "v1/connections/authorize", key: t.testKey, json: #"{"user_id":"u1","tool":"crm"}"#)
            let authURL = try #require(try authorize.object["auth_url"] as? String)
            _ = try value("session", in: authURL)
            let start = try await t.send(.GET, try TestApp.local(authURL))
            let consentPage = try #require(start.headers.first(name: .location))
            let state = try value("state", in: consentPage)
            let form = try #require(URLComponents(string: consentPage)?.queryItems)
                .map { "\($0.name)=\(TestApp.formEncoded($0.value ?? ""))" }.joined(separator: "&")
            let decided = try await t.app.testing().sendRequest(
                .POST, try TestApp.local(consentPage).components(separatedBy: "?")[0],
                headers: ["Content-Type": "application/x-www-form-urlencoded"], body: ByteBuffer(string: form + "&decision=approve"))
            let back = try #require(decided.headers.first(name: .location))
            #expect(try value("state", in: back) == state)
            _ = try value("code", in: back)
            #expect(try await t.send(.GET, try TestApp.local(back)).status == .ok)

            // The approval page, the end user's settings page and the dashboard's one-time sign-in link.
            let (_, approvePath) = try await ApprovalPageTests().waitingForApproval(t)
            secrets.append(String(approvePath.split(separator: "/").last ?? ""))
            #expect(try await t.send(.GET, approvePath).status == .ok)
            #expect(try await t.send(.GET, "/" + approvePath.replacingOccurrences(of: "/", with: "//")).status == .ok)
            let link = try await t.send(.POST, "v1/users/u1/settings_link", key: t.testKey, json: "{}")
            let settings = try TestApp.local(try #require(try link.object["url"] as? String))
            secrets.append(String(settings.split(separator: "/").last ?? ""))
            #expect(try await t.send(.GET, settings).status == .ok)
            try await t.send(.POST, settings + "/revoke")
            _ = try value("token", in: t.firstRun.signInURL)
            #expect(try await t.send(.GET, try TestApp.local(t.firstRun.signInURL)).status.code < 400)

            let log = capture.text
            #expect(log.contains("path=/approve/<redacted>") && log.contains("path=/settings/<redacted>/revoke"), "\(log)")
            #expect(log.contains("path=/oauth/callback/crm") && log.contains("path=/dashboard/sign-in"))
            #expect(secrets.count == 7 && secrets.allSatisfy { $0.count >= 8 }, "\(secrets)")
            for secret in secrets { #expect(!log.contains(secret), "\(secret) is in the log") }
        }
    }

    @Test func logged_paths_redact_the_segment_after_a_token_bearing_page() {
        #expect(LoggedPath.redacting("/approve/apv_abc") == "/approve/<redacted>")
        #expect(LoggedPath.redacting("//Approve//apv_abc/") == "/Approve/<redacted>")
        #expect(LoggedPath.redacting("/settings/set_abc/revoke") == "/settings/<redacted>/revoke")
        #expect(LoggedPath.redacting("/approve") == "/approve")
        #expect(LoggedPath.redacting("/v1/tasks/task_1") == "/v1/tasks/task_1")
        #expect(LoggedPath.redacting("/") == "/")
    }
}
