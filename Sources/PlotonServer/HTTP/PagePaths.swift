/// The paths of pages people open in a browser: the operators' dashboard and the hosted pages for
/// end users. An error answered on one of them before its page's own handling (a URL with NUL or
/// an undecodable query, a body over the limit, a path that is not there) is a page too, not the
/// API's JSON envelope. The sandbox authorisation server's token and revocation endpoints answer
/// programs: not pages.
enum PagePaths {
    private static let prefixes = ["/dashboard", "/auth/", "/oauth/callback/", "/credentials/", "/settings/", "/approve/"]

    static func contains(_ path: String) -> Bool {
        if prefixes.contains(where: { path == $0 || path.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }) { return true }
        return path.hasPrefix("/sandbox/oauth/") && path.hasSuffix("/authorize")
    }
}
