import Foundation
import Plot
import PlotonAPI

/// The dashboard's home: the environment's API keys (roll, revoke, create) and its webhook secret;
/// and the page that shows a new key's secret once.
enum KeysPageView {
    struct Model {
        var environment: PlotonEnvironment
        var keys: [APIKeyObject]
        var webhookSecret: String
        var needsPassword: Bool
        var csrf: String
    }

    static func body(_ model: Model) -> Markup {
        let rows = model.keys.map { key in
            Markup.row(
                .plain(key.name), .code(.plain("\(key.prefix)…\(key.last4)")), .date(key.createdAt), .date(key.lastUsedAt),
                .group(.plain(key.status.rawValue), key.expiresAt.map { Markup.group(" until ", .date($0)) } ?? .empty),
                key.status == .revoked ? .empty : actions(key.id, csrf: model.csrf))
        }
        let environment = model.environment.rawValue
        return .group(
            DashboardLayout.passwordNotice(model.needsPassword),
            .table(["Name", "Key", "Created", "Last used", "Status", ""], rows, empty: "No keys in this environment yet."),
            .post(
                "/dashboard/keys", .csrf(model.csrf), .label(.for("key-name"), .plain("New \(environment) key name")),
                .input(.id("key-name"), .name("name"), .type("text"), .flag("required"), .attr("maxlength", "100")), " ",
                .button(.type("submit"), "Create key")),
            .h2("Webhook secret"),
            .details(
                .tag("summary", .plain("Reveal the \(environment) webhook secret")),
                .copyable(id: "webhook-secret", label: "Webhook secret", value: model.webhookSecret)),
            .p(.class("muted"), "Roll it and manage endpoints under ", .a(.href("/dashboard/webhooks"), "Webhooks"), "."))
    }

    private static func actions(_ id: String, csrf: String) -> Markup {
        .group(
            .form(
                .class("inline"), .attr("method", "post"), .attr("action", "/dashboard/keys/\(id)/roll"), .csrf(csrf),
                .label(.for("exp-\(id)"), "Old key lives"),
                .select(
                    .id("exp-\(id)"), .name("expires_in"), .option(.value("0"), "0 s"), .option(.value("3600"), "1 hour"),
                    .option(.value("86400"), "1 day")), " ", .button(.type("submit"), "Roll")),
            " ", .button(csrf: csrf, action: "/dashboard/keys/\(id)/revoke", label: "Revoke", confirm: true))
    }

    /// A new or rolled key's secret, once: it is never shown again.
    static func shown(name: String, secret: String) -> Markup {
        .group(
            .p("Copy the secret of ", .strong(.plain(name)), " now: it is shown only this once."),
            .p(.copyable(id: "secret", label: "Secret", value: secret)),
            .p(.a(.href("/dashboard"), "Back to the keys")))
    }
}
