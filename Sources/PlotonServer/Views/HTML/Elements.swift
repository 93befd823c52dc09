import Plot

/// The elements the pages use, by name; each takes attributes and children as `tag` does.
extension Node where Context == Any {
    static func a(_ nodes: Markup...) -> Markup { tag("a", nodes) }
    static func b(_ nodes: Markup...) -> Markup { tag("b", nodes) }
    static func button(_ nodes: Markup...) -> Markup { tag("button", nodes) }
    static func code(_ nodes: Markup...) -> Markup { tag("code", nodes) }
    static func dd(_ nodes: Markup...) -> Markup { tag("dd", nodes) }
    static func details(_ nodes: Markup...) -> Markup { tag("details", nodes) }
    static func div(_ nodes: Markup...) -> Markup { tag("div", nodes) }
    static func dl(_ nodes: Markup...) -> Markup { tag("dl", nodes) }
    static func dt(_ nodes: Markup...) -> Markup { tag("dt", nodes) }
    static func fieldset(_ nodes: Markup...) -> Markup { tag("fieldset", nodes) }
    static func form(_ nodes: Markup...) -> Markup { tag("form", nodes) }
    static func h2(_ nodes: Markup...) -> Markup { tag("h2", nodes) }
    static func h3(_ nodes: Markup...) -> Markup { tag("h3", nodes) }
    static func input(_ nodes: Markup...) -> Markup { void("input", nodes) }
    static func label(_ nodes: Markup...) -> Markup { tag("label", nodes) }
    static func li(_ nodes: Markup...) -> Markup { tag("li", nodes) }
    static func ol(_ nodes: Markup...) -> Markup { tag("ol", nodes) }
    static func option(_ nodes: Markup...) -> Markup { tag("option", nodes) }
    static func p(_ nodes: Markup...) -> Markup { tag("p", nodes) }
    static func pre(_ nodes: Markup...) -> Markup { tag("pre", nodes) }
    static func section(_ nodes: Markup...) -> Markup { tag("section", nodes) }
    static func select(_ nodes: Markup...) -> Markup { tag("select", nodes) }
    static func span(_ nodes: Markup...) -> Markup { tag("span", nodes) }
    static func strong(_ nodes: Markup...) -> Markup { tag("strong", nodes) }
    static func textarea(_ nodes: Markup...) -> Markup { tag("textarea", nodes) }
    static func ul(_ nodes: Markup...) -> Markup { tag("ul", nodes) }
    static var br: Markup { void("br") }

    static func `class`(_ name: String) -> Markup { attr("class", name) }
    static func id(_ value: String) -> Markup { attr("id", value) }
    static func href(_ url: String) -> Markup { attr("href", url) }
    static func name(_ value: String) -> Markup { attr("name", value) }
    static func type(_ value: String) -> Markup { attr("type", value) }
    static func value(_ value: String) -> Markup { attr("value", value) }
    static func `for`(_ id: String) -> Markup { attr("for", id) }

    /// A POST form to `action`.
    static func post(_ action: String, _ nodes: Markup...) -> Markup {
        tag("form", [attr("method", "post"), attr("action", action)] + nodes)
    }

    /// Hidden fields, by name.
    static func hidden(_ fields: [String: String]) -> Markup {
        .group(fields.sorted { $0.key < $1.key }.map { Markup.input(.type("hidden"), .name($0.key), .value($0.value)) })
    }

    /// `items` with `separator` (text) between them.
    static func joined(_ items: [Markup], separator: String) -> Markup {
        .group(items.enumerated().flatMap { index, item in index == 0 ? [item] : [plain(separator), item] })
    }
}
