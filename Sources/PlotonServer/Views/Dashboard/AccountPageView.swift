import Foundation
import Plot

/// The operator's own account: email and password.
enum AccountPageView {
    struct Model {
        var shownName: String
        var email: String
        var hasPassword: Bool
        var saved: Bool
        var minimumPasswordLength: Int
        var csrf: String
    }

    static func body(_ model: Model) -> Markup {
        let minimum = "\(model.minimumPasswordLength)"
        return .group(
            model.saved
                ? .p(.class("notice"), .attr("role", "status"), "Saved. Sign in with this email and password from now on.") : .empty,
            .p("Signed in as ", .strong(.plain(model.shownName)), "."),
            .post(
                "/dashboard/account", .csrf(model.csrf), .label(.for("email"), "Email"),
                .input(
                    .id("email"), .name("email"), .type("email"), .attr("autocomplete", "username"), .flag("required"),
                    .value(model.email)),
                model.hasPassword
                    ? .group(
                        .label(.for("current-password"), "Current password"),
                        .input(
                            .id("current-password"), .name("current_password"), .type("password"),
                            .attr("autocomplete", "current-password"), .flag("required")))
                    : .empty,
                .label(.for("new-password"), .plain("New password (at least \(minimum) characters)")),
                .input(
                    .id("new-password"), .name("password"), .type("password"), .attr("autocomplete", "new-password"), .flag("required"),
                    .attr("minlength", minimum)),
                .div(.class("actions"), .button(.class("primary"), .type("submit"), "Save"))))
    }
}
