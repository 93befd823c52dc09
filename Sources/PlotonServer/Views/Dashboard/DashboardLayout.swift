import Foundation
import Plot
import PlotonAPI

/// What every signed-in page shows around its body: the navigation, the environment switch and
/// sign-out.
struct DashboardChrome {
    var environment: PlotonEnvironment
    var csrfToken: String
    /// The request's path, to mark its section in the navigation.
    var path: String
}

enum DashboardLayout {
    static let sections: [(path: String, title: String)] = [
        ("/dashboard/overview", "Overview"), ("/dashboard", "API keys"), ("/dashboard/webhooks", "Webhooks"),
        ("/dashboard/events", "Events"),
        ("/dashboard/tasks", "Tasks"), ("/dashboard/connections", "Connections"), ("/dashboard/tools", "Tools"),
        ("/dashboard/subagents", "Subagents"), ("/dashboard/account", "Account"),
    ]

    /// The section a path is in: the longest section path it starts with.
    static func section(of path: String) -> (path: String, title: String) {
        sections.filter { path == $0.path || path.hasPrefix($0.path + "/") }.max { $0.path.count < $1.path.count } ?? sections[1]
    }

    static func page(_ chrome: DashboardChrome, body: Markup) -> Markup {
        let other: PlotonEnvironment = chrome.environment == .test ? .live : .test
        let current = section(of: chrome.path).path
        let links = sections.map { section in
            Markup.a(.href(section.path), section.path == current ? .attr("aria-current", "page") : .empty, .plain(section.title))
        }
        return .group(
            .tag("nav", .attr("aria-label", "Dashboard"), .group(links)),
            .post(
                "/dashboard/environment", .csrf(chrome.csrfToken), .hidden(["environment": other.rawValue]),
                .p(
                    "Viewing ", .strong(.plain(chrome.environment.rawValue)), " data. ",
                    .button(.type("submit"), .plain("Switch to \(other.rawValue)")))),
            body,
            .post("/dashboard/sign-out", .csrf(chrome.csrfToken), .div(.class("actions"), .button(.type("submit"), "Sign out"))))
    }

    /// Until the operator has a password, a reminder that the one-time link will not work again.
    static func passwordNotice(_ shown: Bool) -> Markup {
        guard shown else { return .empty }
        return .p(
            .class("notice"), "You signed in with a one-time link. ", .a(.href("/dashboard/account"), "Set an email and password"),
            " to sign in again later.")
    }

    /// An API failure raised by a shared service, explained on a page.
    static func failure(_ message: String, back section: (path: String, title: String)) -> Markup {
        .group(
            .p(.class("error"), .attr("role", "alert"), .plain(message)),
            .p(.a(.href(section.path), .plain("Back to \(section.title)"))))
    }
}
