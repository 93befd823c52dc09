/// `POST /v1/connections/authorize`: a consent link for a user and tool ahead of any task.
public struct AuthorizeConnectionRequest: RequestBody, Equatable {
    public var userID: String
    public var tool: String
    /// The tool's scopes when not given.
    public var scopes: [String]?
    public var redirectURL: String?

    public init(userID: String, tool: String, scopes: [String]? = nil, redirectURL: String? = nil) {
        self.userID = userID
        self.tool = tool
        self.scopes = scopes
        self.redirectURL = redirectURL
    }

    public enum Field: String, CodingKey, CaseIterable {
        case userID = "user_id", tool, scopes
        case redirectURL = "redirect_url"
    }
    public static let requiredFields: Set = ["user_id", "tool"]

    public init(from decoder: any Decoder) throws {
        let fields = try RequestFields<Field>(from: decoder)
        userID = try fields.requiredString(.userID, maxLength: 255)
        tool = try fields.requiredString(.tool, maxLength: 64)
        let notAList = "scopes must be a non-empty list of strings."
        scopes = try fields.strings(.scopes, notAList: notAList, notStrings: notAList)
        redirectURL = try fields.string(.redirectURL, maxLength: 2048)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Field.self)
        try container.encode(userID, forKey: .userID)
        try container.encode(tool, forKey: .tool)
        try container.encodeIfPresent(scopes, forKey: .scopes)
        try container.encodeIfPresent(redirectURL, forKey: .redirectURL)
    }
}
