import Foundation
import Plot

/// Charts drawn on the server as inline SVG: no scripts, no external assets, and they scale to the
/// width of a phone (`viewBox`, width 100 %).
enum SVGChart {
    static let colors = ["complete": "#1a7f37", "failed": "#cf222e", "cancelled": "#8c959f", "in_progress": "#0969da"]
    static let (width, height, left, top, bottom) = (600.0, 180.0, 44.0, 12.0, 156.0)

    /// One stacked bar per bucket, scaled to the tallest; `axis` labels the bucket values, `from` and
    /// `to` the first and last buckets.
    static func stackedBars(_ buckets: [[String: Double]], series: [String], label: String, axis: String, from: String, to: String)
        -> Markup
    {
        let tallest = buckets.map { $0.values.reduce(0, +) }.max() ?? 0
        let scale = tallest > 0 ? (bottom - top) / tallest : 0
        let slot = (width - left) / Double(max(1, buckets.count))
        var bars: [Markup] = []
        for (index, bucket) in buckets.enumerated() {
            var y = bottom
            for name in series {
                guard let value = bucket[name], value > 0 else { continue }
                let barHeight = max(1, value * scale)
                y -= barHeight
                bars.append(
                    .tag(
                        "rect", .attr("x", number(left + Double(index) * slot + 0.5)), .attr("y", number(y)),
                        .attr("width", number(max(1, slot - 1))), .attr("height", number(barHeight)), .attr("fill", color(name)),
                        .tag("title", .plain("\(name): \(number(value))"))))
            }
        }
        let legend = series.map { name in
            Markup.span(
                .tag("i", .class("swatch"), .attr("style", "background:\(color(name))")),
                .plain(name.replacingOccurrences(of: "_", with: " ")))
        }
        func text(x: Int, y: Int, end: Bool = false, _ content: String) -> Markup {
            .tag(
                "text", .attr("x", "\(x)"), .attr("y", "\(y)"), end ? .attr("text-anchor", "end") : .empty, .attr("font-size", "13"),
                .attr("fill", "#57606a"), .plain(content))
        }
        let svg = Markup.tag(
            "svg", .attr("viewBox", "0 0 \(Int(width)) \(Int(height))"), .attr("role", "img"), .attr("aria-label", label),
            .selfClosed(
                "line", .attr("x1", "\(Int(left))"), .attr("y1", "\(Int(bottom))"), .attr("x2", "\(Int(width))"),
                .attr("y2", "\(Int(bottom))"), .attr("stroke", "#d0d7de")),
            text(x: Int(left) - 4, y: Int(top) + 4, end: true, number(tallest)), text(x: Int(left) - 4, y: Int(bottom), end: true, "0"),
            text(x: Int(left), y: Int(height) - 6, from), text(x: Int(width), y: Int(height) - 6, end: true, to), .group(bars))
        return .tag(
            "figure", .class("chart"), svg,
            .tag("figcaption", .plain("\(axis) · "), .joined(legend, separator: " ")))
    }

    private static func color(_ series: String) -> String { colors[series] ?? "#57606a" }

    /// Two decimals at most, no trailing zeros.
    static func number(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
