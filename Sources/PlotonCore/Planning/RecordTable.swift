import Foundation

/// Records as CSV (RFC 4180) for a file whose name says CSV: one column per field the records
/// have, headline fields first, money and Unix-second dates read as in `RecordSummary`.
enum RecordTable {
    static func csv(_ value: JSONValue) -> String {
        let records = (value.arrayValue ?? [value]).filter { $0.objectValue != nil }
        guard !records.isEmpty else { return RecordSummary.text(value) }
        let rows = records.map(RecordSummary.readableFields)
        let keys = Set(rows.flatMap(\.keys))
        let columns = RecordSummary.preferred.filter(keys.contains) + keys.subtracting(RecordSummary.preferred).sorted()
        let lines = [columns.map(cell)] + rows.map { row in columns.map { row[$0].map { cell(TextTemplate.format($0, nil)) } ?? "" } }
        return lines.map { $0.joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// A value quoted when it holds a comma, a quote or a line break; quotes inside are doubled.
    static func cell(_ text: String) -> String {
        guard text.contains(where: { ",\"\r\n".contains($0) }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
