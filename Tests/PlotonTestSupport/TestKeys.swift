import PlotonCore

public enum TestKeys {
    /// A fixed key ring for tests (never used outside them).
    public static let encryptionKeys = "test1:" + String(repeating: "A", count: 43) + "="
}
