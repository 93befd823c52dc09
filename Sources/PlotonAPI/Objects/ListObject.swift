/// `{"object":"list","data":[…],"has_more":bool}`
public struct ListObject<Element: Codable & Sendable>: Codable, Sendable {
    public var object = "list"
    public var data: [Element]
    public var hasMore: Bool

    public init(data: [Element], hasMore: Bool) {
        self.data = data
        self.hasMore = hasMore
    }

    enum CodingKeys: String, CodingKey {
        case object, data
        case hasMore = "has_more"
    }
}
