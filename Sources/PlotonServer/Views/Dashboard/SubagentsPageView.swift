import Foundation
import Plot
import PlotonAPI

/// Subagents: the list with the deploy form, and one custom subagent to change or delete.
enum SubagentsPageView {
    static func list(_ subagents: [SubagentObject], maxNameLength: Int, csrf: String) -> Markup {
        let rows = subagents.map { subagent in
            Markup.row(
                subagent.type == "custom" ? .a(.href("/dashboard/subagents/\(subagent.id)"), .plain(subagent.name)) : .plain(subagent.name),
                .plain(subagent.type), .plain(subagent.tools.joined(separator: ", ")), .plain(subagent.prompt))
        }
        return .group(
            .p("A task created with ", .code(#""sub_agent": "name""#), " can use only that subagent's tools."),
            .table(["Name", "Type", "Tools", "Domain prompt"], rows, empty: "No subagents."),
            .h2("Deploy a subagent"),
            .post(
                "/dashboard/subagents", .csrf(csrf), fields(nil, maxNameLength: maxNameLength),
                .div(.class("actions"), .button(.class("primary"), .type("submit"), "Deploy subagent"))))
    }

    static func edit(_ subagent: SubagentObject, maxNameLength: Int, csrf: String) -> Markup {
        .group(
            .p("Tools: ", .strong(.plain(subagent.tools.joined(separator: ", "))), " · created ", .date(subagent.createdAt)),
            .post(
                "/dashboard/subagents/\(subagent.id)", .csrf(csrf), fields(subagent, maxNameLength: maxNameLength),
                .div(.class("actions"), .button(.class("primary"), .type("submit"), "Save"), " ", .a(.href("/dashboard/subagents"), "Back"))
            ),
            .button(csrf: csrf, action: "/dashboard/subagents/\(subagent.id)/delete", label: "Delete subagent", confirm: true))
    }

    private static func fields(_ subagent: SubagentObject?, maxNameLength: Int) -> Markup {
        .group(
            .label(.for("subagent-name"), "Name"),
            .input(
                .id("subagent-name"), .name("name"), .type("text"), .flag("required"), .attr("maxlength", "\(maxNameLength)"),
                .value(subagent?.name ?? "")),
            .label(.for("subagent-prompt"), "Domain prompt: the services and things it works with (its tools are derived from it)"),
            .textarea(.id("subagent-prompt"), .name("prompt"), .attr("rows", "4"), .flag("required"), .plain(subagent?.prompt ?? "")))
    }
}
