import Foundation

/// Reads a `.env` file: `NAME=value` lines, `#` comments, optional `export ` and surrounding quotes.
/// Values from the real environment win over the file.
public enum DotEnv {
    public static func parse(_ text: String) -> [String: String] {
        var values: [String: String] = [:]
        for rawLine in text.split(whereSeparator: \.isNewline) {
            var line = rawLine.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            if line.hasPrefix("export ") { line = String(line.dropFirst("export ".count)) }
            guard let equals = line.firstIndex(of: "=") else { continue }
            let name = line[..<equals].trimmingCharacters(in: .whitespaces)
            var value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, let first = value.first, first == value.last, first == "\"" || first == "'" {
                value = String(value.dropFirst().dropLast())
            }
            guard !name.isEmpty else { continue }
            values[name] = value
        }
        return values
    }

    /// The process environment over the `.env` file in `directory`, if there is one.
    public static func environment(
        _ process: [String: String] = ProcessInfo.processInfo.environment,
        directory: String = FileManager.default.currentDirectoryPath
    ) -> [String: String] {
        let path = URL(fileURLWithPath: directory).appendingPathComponent(".env").path
        guard let data = FileManager.default.contents(atPath: path) else { return process }
        return parse(String(decoding: data, as: UTF8.self)).merging(process) { _, fromProcess in fromProcess }
    }
}
