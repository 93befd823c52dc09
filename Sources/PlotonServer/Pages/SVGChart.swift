import Foundation

/// Charts drawn on the server as inline SVG: no scripts, no external assets, and they scale to the
/// width of a phone (`viewBox`, width 100 %).
enum SVGChart {
    static let colors = ["complete": "#1a7f37", "failed": "#cf222e", "cancelled": "#8c959f", "in_progress": "#0969da"]
    static let (width, height, left, top, bottom) = (600.0, 180.0, 44.0, 12.0, 156.0)

    /// One stacked bar per bucket, scaled to the tallest; `axis` labels the bucket values, `from` and
    /// `to` the first and last buckets.
    static func stackedBars(_ buckets: [[String: Double]], series: [String], label: String, axis: String, from: String, to: String)
        -> String
    {
        let tallest = buckets.map { $0.values.reduce(0, +) }.max() ?? 0
        let scale = tallest > 0 ? (bottom - top) / tallest : 0
        let slot = (width - left) / Double(max(1, buckets.count))
        var bars = ""
        for (index, bucket) in buckets.enumerated() {
            var y = bottom
            for name in series {
                guard let value = bucket[name], value > 0 else { continue }
                let barHeight = max(1, value * scale)
                y -= barHeight
                bars += "<rect x=\"\(number(left + Double(index) * slot + 0.5))\" y=\"\(number(y))\" width=\"\(number(max(1, slot - 1)))\""
                bars +=
                    " height=\"\(number(barHeight))\" fill=\"\(colors[name] ?? "#57606a")\"><title>\(name): \(number(value))</title></rect>"
            }
        }
        let legend = series.map { name in
            "<span><i class=\"swatch\" style=\"background:\(colors[name] ?? "#57606a")\"></i>"
                + name.replacingOccurrences(of: "_", with: " ") + "</span>"
        }
        return """
            <figure class="chart"><svg viewBox="0 0 \(Int(width)) \(Int(height))" role="img" aria-label="\(HostedPage.escape(label))">\
            <line x1="\(Int(left))" y1="\(Int(bottom))" x2="\(Int(width))" y2="\(Int(bottom))" stroke="#d0d7de"/>\
            <text x="\(Int(left) - 4)" y="\(Int(top) + 4)" text-anchor="end" font-size="13" fill="#57606a">\(number(tallest))</text>\
            <text x="\(Int(left) - 4)" y="\(Int(bottom))" text-anchor="end" font-size="13" fill="#57606a">0</text>\
            <text x="\(Int(left))" y="\(Int(height) - 6)" font-size="13" fill="#57606a">\(HostedPage.escape(from))</text>\
            <text x="\(Int(width))" y="\(Int(height) - 6)" text-anchor="end" font-size="13" fill="#57606a">\(HostedPage.escape(to))</text>\
            \(bars)</svg><figcaption>\(HostedPage.escape(axis)) · \(legend.joined(separator: " "))</figcaption></figure>
            """
    }

    /// Two decimals at most, no trailing zeros.
    static func number(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
