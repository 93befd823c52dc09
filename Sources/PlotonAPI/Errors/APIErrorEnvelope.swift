/// `{"error":{"code":"…","message":"…","param":"…","request_id":"…"}}`
public struct APIErrorEnvelope: Codable, Sendable, Equatable {
    public struct Body: Codable, Sendable, Equatable {
        public var code: String
        public var message: String
        public var param: String?
        public var requestID: String

        public init(code: String, message: String, param: String?, requestID: String) {
            self.code = code
            self.message = message
            self.param = param
            self.requestID = requestID
        }

        enum CodingKeys: String, CodingKey {
            case code, message, param
            case requestID = "request_id"
        }
    }

    public var error: Body

    public init(_ failure: APIFailure, requestID: String) {
        error = Body(code: failure.code.rawValue, message: failure.message, param: failure.param, requestID: requestID)
    }
}
