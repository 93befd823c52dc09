import Foundation
import Plot

/// Charts (stacked bars, lines) drawn on the server as inline SVG: no scripts, no external assets, and they scale to the
/// width of a phone (`viewBox`, width 100 %).
enum SVGChart {
    static let colors = [
        "complete": "#1a7f37", "failed": "#cf222e", "cancelled": "#8c959f", "in_progress": "#0969da", "p50": "#0969da", "p99": "#bf8700",
        "succeeded": "#1a7f37",
    ]
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
        return figure(label: label, ceiling: number(tallest), from: from, to: to, marks: bars, axis: axis, series: series)
    }

    /// One line per series across the buckets, scaled to `ceiling` (or the largest value), broken
    /// where a bucket has no value; a lone value is a dot. `format` writes a value for the axis and
    /// the tooltips.
    static func lines(
        _ series: [(name: String, values: [Double?])], label: String, axis: String, from: String, to: String, ceiling: Double? = nil,
        format: (Double) -> String = number
    ) -> Markup {
        let highest = ceiling ?? series.flatMap { $0.values.compactMap { $0 } }.max() ?? 0
        let scale = highest > 0 ? (bottom - top) / highest : 0
        let count = series.map(\.values.count).max() ?? 0
        let slot = (width - left) / Double(max(1, count))
        var marks: [Markup] = []
        for (name, values) in series {
            let points = values.enumerated().map { index, value in
                value.map { (x: left + (Double(index) + 0.5) * slot, y: bottom - min(highest, $0) * scale, value: $0) }
            }
            for run in points.split(whereSeparator: { $0 == nil }).map({ $0.compactMap { $0 } }) {
                let tooltip = Markup.tag("title", .plain("\(name): " + run.map { format($0.value) }.joined(separator: ", ")))
                if run.count == 1, let point = run.first {
                    marks.append(
                        .tag(
                            "circle", .attr("cx", number(point.x)), .attr("cy", number(point.y)), .attr("r", "2.5"),
                            .attr("fill", color(name)), tooltip))
                } else {
                    marks.append(
                        .tag(
                            "polyline", .attr("points", run.map { "\(number($0.x)),\(number($0.y))" }.joined(separator: " ")),
                            .attr("fill", "none"), .attr("stroke", color(name)), .attr("stroke-width", "2"), tooltip))
                }
            }
        }
        return figure(label: label, ceiling: format(highest), from: from, to: to, marks: marks, axis: axis, series: series.map(\.name))
    }

    /// The frame every chart shares: a baseline, the top and zero of the scale, the first and last
    /// bucket's labels, and a caption naming the axis and each series' colour.
    private static func figure(label: String, ceiling: String, from: String, to: String, marks: [Markup], axis: String, series: [String])
        -> Markup
    {
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
            text(x: Int(left) - 4, y: Int(top) + 4, end: true, ceiling), text(x: Int(left) - 4, y: Int(bottom), end: true, "0"),
            text(x: Int(left), y: Int(height) - 6, from), text(x: Int(width), y: Int(height) - 6, end: true, to), .group(marks))
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
