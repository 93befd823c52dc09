import Foundation
import Plot

/// The pieces dashboard pages share: the CSRF field, dates, tables, filters, copy fields and
/// one-button forms.
extension Node where Context == Any {
    /// The hidden field every dashboard form carries.
    static func csrf(_ token: String) -> Markup { hidden(["csrf_token": token]) }

    /// A POST form of one button; `confirm` adds a required "I am sure" checkbox.
    static func button(
        csrf token: String, action: String, label: String, confirm: Bool = false, fields: [String: String] = [:]
    ) -> Markup {
        .form(
            .class("inline"), .attr("method", "post"), .attr("action", action), .csrf(token), .hidden(fields),
            confirm
                ? .group(.label(.input(.type("checkbox"), .name("confirm"), .value("yes"), .flag("required")), " I am sure"), " ") : .empty,
            .button(.type("submit"), .plain(label)))
    }

    /// A read-only field with a copy button (the dashboard script does the copying).
    static func copyable(id: String, label: String, value: String) -> Markup {
        .group(
            .label(.for(id), .plain(label)), .input(.id(id), .type("text"), .flag("readonly"), .value(value)), " ",
            .button(.type("button"), .attr("data-copy", id), "Copy"))
    }

    /// A timestamp that never wraps inside a table cell.
    static func date(_ date: Date?) -> Markup {
        guard let text = date?.formatted(.iso8601) else { return "never" }
        return .tag("time", .attr("datetime", text), .plain(text))
    }

    static func table(_ headers: [String], _ rows: [Markup], empty: String) -> Markup {
        guard !rows.isEmpty else { return .p(.class("muted"), .plain(empty)) }
        return .div(
            .class("scroll"),
            .tag("table", .tag("thead", .tag("tr", headers.map { .tag("th", .plain($0)) })), .tag("tbody", rows)))
    }

    static func row(_ cells: Markup...) -> Markup { .tag("tr", cells.map { .tag("td", $0) }) }

    static func row(_ cells: [Markup]) -> Markup { .tag("tr", cells.map { .tag("td", $0) }) }

    /// A filter's `<select>`: "any" (empty) first, then `values`, with `selected` chosen.
    static func filter(id: String, name: String, values: [String], selected: String?) -> Markup {
        .select(
            .id(id), .name(name),
            .group(
                ([""] + values).map { value in
                    .option(.value(value), .flag("selected", value == (selected ?? "")), .plain(value.isEmpty ? "any" : value))
                }))
    }
}
