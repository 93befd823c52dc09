import Vapor

extension Request {
    /// A query parameter's value; an empty value (`?tool=`) counts as not given.
    func queryValue(_ name: String) -> String? {
        guard let value = query[String.self, at: name], !value.isEmpty else { return nil }
        return value
    }
}

extension Request {
    /// A hosted page's form fields (`application/x-www-form-urlencoded`); none when unreadable.
    var formFields: [String: String] { (try? content.decode([String: String].self)) ?? [:] }
}
