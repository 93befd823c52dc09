/// Which environment variables a custom tool may read its OAuth client from. Whatever a tool names
/// is sent to its `token_url`, a URL any live key holder chooses, so a custom tool may name only the
/// variables called after itself (`ACME_CLIENT_ID` / `ACME_CLIENT_SECRET` for the tool `acme`), and
/// never one in the server's own `PLOTON_` namespace, where the built-in providers' clients live.
extension ToolDefinition {
    public enum ClientVariable: String, Sendable, CaseIterable {
        case id = "CLIENT_ID"
        case secret = "CLIENT_SECRET"

        public var field: String { self == .id ? "auth.client_id_env" : "auth.client_secret_env" }
    }

    /// The one variable name a custom tool may give for its client id or secret, or nil when the
    /// tool's name maps into the reserved `PLOTON_` namespace.
    public func allowedClientVariable(_ variable: ClientVariable) -> String? {
        let prefix = name.uppercased().replacingOccurrences(of: "-", with: "_")
        guard !prefix.hasPrefix("PLOTON_") else { return nil }
        return "\(prefix)_\(variable.rawValue)"
    }

    /// The variable this (custom) tool names for `variable`, when it is one the tool may read.
    public func permittedClientVariable(_ variable: ClientVariable) -> String? {
        let named = variable == .id ? auth.clientIDEnv : auth.clientSecretEnv
        guard let named, named == allowedClientVariable(variable) else { return nil }
        return named
    }
}
