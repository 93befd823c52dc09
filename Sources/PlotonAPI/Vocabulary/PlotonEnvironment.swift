/// Every account has two environments; every object and API key belongs to one of them.
public enum PlotonEnvironment: String, Sendable, Codable, CaseIterable, Hashable {
    case test
    case live

    public var isLive: Bool { self == .live }
}
