/// The one format for describing a tool, built-in or custom: a service, how to authenticate to it,
/// and its capabilities as HTTP operations.
public struct ToolDefinition: Sendable, Codable, Equatable {
    public var name: String
    public var description: String
    public var version: String
    public var categories: [String]
    public var baseURL: String
    public var auth: Auth
    /// How request bodies are encoded: `json` (default) or `form` (`application/x-www-form-urlencoded`, as Stripe wants).
    public var requestFormat: RequestFormat
    public var capabilities: [Capability]
    /// `mcp`: `base_url` is a remote MCP server (Streamable HTTP) whose tools are the capabilities,
    /// discovered with `tools/list` and called with `tools/call`. Absent: an HTTP API.
    public var kind: Kind?

    public enum RequestFormat: String, Sendable, Codable { case json, form }
    public enum Kind: String, Sendable, Codable, CaseIterable { case http, mcp }

    public init(
        name: String, description: String, version: String = "1.0.0", categories: [String] = [], baseURL: String, auth: Auth = Auth(),
        requestFormat: RequestFormat = .json, capabilities: [Capability], kind: Kind? = nil
    ) {
        self.name = name
        self.description = description
        self.version = version
        self.categories = categories
        self.baseURL = baseURL
        self.auth = auth
        self.requestFormat = requestFormat
        self.capabilities = capabilities
        self.kind = kind
    }

    public var isMCP: Bool { kind == .mcp }

    enum CodingKeys: String, CodingKey {
        case name, description, version, categories, auth, capabilities, kind
        case baseURL = "base_url"
        case requestFormat = "request_format"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        description = try container.decodeIfPresent(String.self, forKey: .description) ?? ""
        version = try container.decodeIfPresent(String.self, forKey: .version) ?? "1.0.0"
        categories = try container.decodeIfPresent([String].self, forKey: .categories) ?? []
        baseURL = try container.decode(String.self, forKey: .baseURL)
        auth = try container.decodeIfPresent(Auth.self, forKey: .auth) ?? Auth()
        requestFormat = try container.decodeIfPresent(RequestFormat.self, forKey: .requestFormat) ?? .json
        kind = try container.decodeIfPresent(Kind.self, forKey: .kind)
        // An MCP server's capabilities come from its tools/list.
        capabilities =
            kind == .mcp && !container.contains(.capabilities) ? [] : try container.decode([Capability].self, forKey: .capabilities)
    }

    public func capability(_ name: String) -> Capability? { capabilities.first { $0.name == name } }

    public var descriptor: ToolDescriptor {
        ToolDescriptor(
            name: name, description: description, categories: categories,
            capabilities: capabilities.map {
                CapabilityDescriptor(
                    name: $0.name, description: $0.description, sideEffect: $0.sideEffect, requiresApproval: $0.requiresApproval,
                    parameters: $0.parameters, scopes: $0.scopes, fields: $0.fields ?? [])
            })
    }

    public struct Auth: Sendable, Codable, Equatable {
        public enum Kind: String, Sendable, Codable, CaseIterable {
            case none, apiKey = "api_key", bearer, basic, oauth2
        }

        public var type: Kind
        /// `api_key`: the header that carries the key (default `X-API-Key`).
        public var header: String?
        public var authorizeURL: String?
        public var tokenURL: String?
        public var revokeURL: String?
        public var scopes: [String]?
        public var clientID: String?
        public var clientSecret: String?
        public var clientIDEnv: String?
        public var clientSecretEnv: String?
        /// `api_key` / `bearer`: each end user gives their own key through a hosted form
        /// (`credentials_required`) instead of one account-level credential.
        public var perUser: Bool?
        /// `oauth2`: extra parameters for the authorisation request (Google's `access_type=offline`).
        public var authorizeParams: [String: String]?
        /// `oauth2`: the RFC 8707 resource indicator sent with the authorisation and token requests
        /// (for an MCP server, the `resource` of its protected-resource metadata).
        public var resource: String?
        /// `oauth2`: how Ploton authenticates at the token endpoint (default `client_secret_basic`).
        public var tokenEndpointAuthMethod: ClientAuthentication?

        /// RFC 7591's `token_endpoint_auth_method` values Ploton speaks.
        public enum ClientAuthentication: String, Sendable, Codable, CaseIterable {
            case clientSecretBasic = "client_secret_basic"
            case clientSecretPost = "client_secret_post"
            case none
        }

        public init(type: Kind = .none, header: String? = nil) {
            self.type = type
            self.header = header
        }

        enum CodingKeys: String, CodingKey {
            case type, header, scopes
            case authorizeURL = "authorize_url"
            case tokenURL = "token_url"
            case revokeURL = "revoke_url"
            case clientID = "client_id"
            case clientSecret = "client_secret"
            case clientIDEnv = "client_id_env"
            case clientSecretEnv = "client_secret_env"
            case perUser = "per_user"
            case authorizeParams = "authorize_params"
            case resource
            case tokenEndpointAuthMethod = "token_endpoint_auth_method"
        }
    }

    public struct Capability: Sendable, Codable, Equatable {
        public var name: String
        public var description: String
        public var method: String
        public var path: String
        public var parameters: [String: Parameter]
        public var scopes: [String]
        public var sideEffect: Bool
        public var requiresApproval: Bool
        /// Where the useful part of the response is (`data.items`); the whole body when absent.
        public var resultPath: String?
        public var pagination: Pagination?
        /// Where a service that answers errors with HTTP 200 puts them (Slack: `error`).
        public var errorPath: String?
        /// Keeps only result items whose `field` equals the `param` input (not sent to the service).
        public var filter: Filter?
        /// What the result's records hold, in people's words, for shaping requested fields.
        public var fields: [ResultField]?

        public struct Filter: Sendable, Codable, Equatable {
            public var field: String
            public var param: String
        }

        public init(
            name: String, description: String, method: String = "GET", path: String, parameters: [String: Parameter] = [:],
            scopes: [String] = [], sideEffect: Bool = false, requiresApproval: Bool = false, resultPath: String? = nil,
            pagination: Pagination? = nil, errorPath: String? = nil, filter: Filter? = nil, fields: [ResultField]? = nil
        ) {
            self.name = name
            self.description = description
            self.method = method
            self.path = path
            self.parameters = parameters
            self.scopes = scopes
            self.sideEffect = sideEffect
            self.requiresApproval = requiresApproval
            self.resultPath = resultPath
            self.pagination = pagination
            self.errorPath = errorPath
            self.filter = filter
            self.fields = fields
        }

        enum CodingKeys: String, CodingKey {
            case name, description, method, path, parameters, scopes, pagination, filter, fields
            case sideEffect = "side_effect"
            case requiresApproval = "requires_approval"
            case resultPath = "result_path"
            case errorPath = "error_path"
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            name = try container.decode(String.self, forKey: .name)
            description = try container.decodeIfPresent(String.self, forKey: .description) ?? ""
            method = try container.decodeIfPresent(String.self, forKey: .method) ?? "GET"
            path = try container.decode(String.self, forKey: .path)
            parameters = try container.decodeIfPresent([String: Parameter].self, forKey: .parameters) ?? [:]
            scopes = try container.decodeIfPresent([String].self, forKey: .scopes) ?? []
            sideEffect = try container.decodeIfPresent(Bool.self, forKey: .sideEffect) ?? false
            requiresApproval = try container.decodeIfPresent(Bool.self, forKey: .requiresApproval) ?? false
            resultPath = try container.decodeIfPresent(String.self, forKey: .resultPath)
            pagination = try container.decodeIfPresent(Pagination.self, forKey: .pagination)
            errorPath = try container.decodeIfPresent(String.self, forKey: .errorPath)
            filter = try container.decodeIfPresent(Filter.self, forKey: .filter)
            fields = try container.decodeIfPresent([ResultField].self, forKey: .fields)
        }

        /// Where a parameter goes when its definition does not say: query for GET/DELETE, body otherwise.
        public func location(of name: String) -> Parameter.Location {
            parameters[name]?.in ?? (["GET", "DELETE"].contains(method.uppercased()) ? .query : .body)
        }
    }

    public struct Parameter: Sendable, Codable, Equatable {
        public enum ValueType: String, Sendable, Codable, CaseIterable {
            case string, number, integer, boolean, object, array
        }

        public enum Location: String, Sendable, Codable, CaseIterable {
            case path, query, body, header
        }

        public var type: ValueType
        public var required: Bool
        public var `default`: JSONValue?
        public var description: String
        public var `in`: Location?

        public init(
            type: ValueType, required: Bool = false, default: JSONValue? = nil, description: String = "", in location: Location? = nil
        ) {
            self.type = type
            self.required = required
            self.default = `default`
            self.description = description
            self.in = location
        }

        enum CodingKeys: String, CodingKey { case type, required, `default`, description, `in` }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            type = try container.decode(ValueType.self, forKey: .type)
            required = try container.decodeIfPresent(Bool.self, forKey: .required) ?? false
            `default` = try container.decodeIfPresent(JSONValue.self, forKey: .default)
            description = try container.decodeIfPresent(String.self, forKey: .description) ?? ""
            `in` = try container.decodeIfPresent(Location.self, forKey: .in)
        }
    }

    /// How to fetch the next page: a cursor read from the response and sent back as a parameter.
    public struct Pagination: Sendable, Codable, Equatable {
        /// Where the next cursor is in the response (`paging.next.after`); no value = last page.
        public var cursorPath: String
        /// The parameter that carries it on the next request (`after`).
        public var cursorParam: String
        public var maxPages: Int
        /// The page-size parameter (`pageSize`): when a step sets it, that many items are all it wants, so no
        /// further page is fetched once they are in ("the latest file" is one, not every page of them).
        public var sizeParam: String?

        public init(cursorPath: String, cursorParam: String, maxPages: Int = 10, sizeParam: String? = nil) {
            self.cursorPath = cursorPath
            self.cursorParam = cursorParam
            self.maxPages = maxPages
            self.sizeParam = sizeParam
        }

        enum CodingKeys: String, CodingKey {
            case cursorPath = "cursor_path"
            case cursorParam = "cursor_param"
            case maxPages = "max_pages"
            case sizeParam = "size_param"
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            cursorPath = try container.decode(String.self, forKey: .cursorPath)
            cursorParam = try container.decode(String.self, forKey: .cursorParam)
            maxPages = try container.decodeIfPresent(Int.self, forKey: .maxPages) ?? 10
            sizeParam = try container.decodeIfPresent(String.self, forKey: .sizeParam)
        }
    }
}
