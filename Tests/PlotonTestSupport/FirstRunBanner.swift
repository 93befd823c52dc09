import Foundation

/// Reads the credentials `ploton serve` prints once on first run.
public enum FirstRunBanner {
    /// The value after `label` ("Test API key:") on its line.
    public static func value(after label: String, in text: String) -> String? {
        text.split(separator: "\n").first { $0.contains(label) }
            .flatMap { $0.split(separator: " ").last.map(String.init) }
    }
}
