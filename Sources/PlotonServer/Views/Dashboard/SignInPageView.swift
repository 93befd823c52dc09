import Foundation
import Plot

/// The dashboard's sign-in form; `formToken` is the double-submit value its cookie carries.
enum SignInPageView {
    static func body(formToken: String, error: String?) -> Markup {
        .group(
            error.map { Markup.p(.class("error"), .attr("role", "alert"), .plain($0)) } ?? .empty,
            .post(
                "/dashboard/sign-in", .hidden(["form_token": formToken]), .label(.for("email"), "Email"),
                .input(.id("email"), .name("email"), .type("email"), .attr("autocomplete", "username"), .flag("required")),
                .label(.for("password"), "Password"),
                .input(.id("password"), .name("password"), .type("password"), .attr("autocomplete", "current-password"), .flag("required")),
                .div(.class("actions"), .button(.class("primary"), .type("submit"), "Sign in"))),
            .p(
                .class("muted"),
                "First time? Open the one-time link the server printed when it first started, then set a password under Account. Operators added with ",
                .code("ploton users create"), " get a link of their own."))
    }
}
