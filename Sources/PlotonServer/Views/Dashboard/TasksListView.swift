import Foundation
import Plot
import PlotonAPI

/// The task list with its status and end-user filters.
enum TasksListView {
    struct Model {
        struct Row {
            var id: String
            var status: String
            var userID: String?
            var createdAt: Date?
            var prompt: String
        }

        var rows: [Row]
        var status: String?
        var user: String?
    }

    static func body(_ model: Model) -> Markup {
        let rows = model.rows.map { task in
            Markup.row(
                .a(.href("/dashboard/tasks/\(task.id)"), .plain(task.id)), .plain(task.status), .plain(task.userID ?? "-"),
                .date(task.createdAt), .plain(String(task.prompt.prefix(80))))
        }
        return .group(
            .form(
                .class("filters"), .attr("method", "get"), .attr("action", "/dashboard/tasks"),
                .div(
                    .label(.for("status"), "Status"),
                    .filter(id: "status", name: "status", values: TaskStatus.allCases.map(\.rawValue), selected: model.status)),
                .div(.label(.for("user"), "End user"), .input(.id("user"), .name("user"), .type("text"), .value(model.user ?? ""))),
                .button(.type("submit"), "Filter")),
            .table(["Task", "Status", "User", "Created", "Prompt"], rows, empty: "No tasks match."))
    }
}
