import Plot

/// A piece of a page: Plot nodes made only with the functions below, which escape every text and
/// attribute value. Plot 0.14 writes attribute values as given and keeps anything shaped like an
/// entity in text ("&amp;" typed by a user would show as "&"), so views never call `.text`,
/// `.raw` or `.attribute` themselves: one missed escape would be an XSS.
typealias Markup = Node<Any>

extension Node where Context == Any {
    /// An element with its attributes (`.attr`, `.flag`) and children, in any order.
    static func tag(_ name: String, _ nodes: [Markup]) -> Markup { .element(Element.named(name, nodes: nodes)) }

    static func tag(_ name: String, _ nodes: Markup...) -> Markup { tag(name, nodes) }

    /// An HTML element with no end tag (`<input>`, `<br>`, `<meta>`).
    static func void(_ name: String, _ nodes: [Markup]) -> Markup { closed(name, .neverClosed, nodes) }

    static func void(_ name: String, _ nodes: Markup...) -> Markup { closed(name, .neverClosed, nodes) }

    /// An SVG element with no children (`<line …/>`).
    static func selfClosed(_ name: String, _ nodes: Markup...) -> Markup { closed(name, .selfClosing, nodes) }

    private static func closed(_ name: String, _ mode: ElementClosingMode, _ nodes: [Markup]) -> Markup {
        var element = Element<Any>.named(name, nodes: nodes)
        element.closingMode = mode
        return .element(element)
    }

    /// An attribute; its value is escaped.
    static func attr(_ name: String, _ value: String) -> Markup {
        .attribute(named: name, value: HTMLEscaping.escape(value), ignoreIfValueIsEmpty: false)
    }

    /// A boolean attribute (`required`, `checked`), present when `on`.
    static func flag(_ name: String, _ on: Bool = true) -> Markup { on ? .attribute(named: name) : .empty }

    /// Text, escaped in full.
    static func plain(_ text: String) -> Markup { .raw(HTMLEscaping.escape(text)) }

    /// A stylesheet of this server's own; never user text.
    static func stylesheet(_ css: StaticString) -> Markup { .tag("style", .raw(css.description)) }
}

enum HTMLEscaping {
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
