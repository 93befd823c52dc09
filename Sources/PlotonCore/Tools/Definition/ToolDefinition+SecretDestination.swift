extension ToolDefinition {
    /// Whether this definition may send the tool's stored secrets (account credentials, the client
    /// secret, end users' tokens and keys) somewhere `previous` did not: another `base_url`, or any
    /// change to `auth` (its URLs, type, header, client, scopes…). A new `client_secret` alone is
    /// not a change of destination.
    public func movesSecrets(from previous: ToolDefinition) -> Bool {
        var auth = self.auth
        var previousAuth = previous.auth
        auth.clientSecret = nil
        previousAuth.clientSecret = nil
        return baseURL != previous.baseURL || auth != previousAuth
    }
}
