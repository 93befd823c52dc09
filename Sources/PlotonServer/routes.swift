import Vapor

/// Every HTTP surface of the server, in one table of contents.
func routes(_ app: Application) throws {
    app.get(use: HealthController.hello)  // what this server is; also the benchmarks' hello-world
    app.get("health", use: HealthController.show)

    // Hosted pages for end users (no API key): consent, the sandbox authorisation server.
    try app.register(collection: OAuthPagesController())  // /auth/{tool}, /oauth/callback/{tool}
    try app.register(collection: SandboxOAuthController())  // /sandbox/oauth/{tool}/…
    try app.register(collection: CredentialsPageController())  // /credentials/{tool}
    try app.register(collection: SettingsPageController())  // /settings/{token}
    try app.register(collection: DashboardController())  // /dashboard…

    let v1 = app.grouped("v1")
    v1.get("openapi.json", use: OpenAPIController.show)  // public: the contract

    var api: any RoutesBuilder = v1
    if app.ploton.config.requireHTTPS {
        api = api.grouped(RequireHTTPSMiddleware(trustedProxies: Set(app.ploton.config.trustedProxies)))
    }
    api = api.grouped(APIKeyAuthenticator(), RateLimitMiddleware(), IdempotencyMiddleware())
    try api.register(collection: APIKeysController())  // /v1/api_keys…
    try api.register(collection: TasksController())  // /v1/tasks…
    try api.register(collection: ToolsController())  // /v1/tools…
    try api.register(collection: WebhookSecretController())  // /v1/webhook_secret…
    try api.register(collection: WebhookEndpointsController())  // /v1/webhook_endpoints…
    try api.register(collection: EventsController())  // /v1/events…
    try api.register(collection: ConnectionsController())  // /v1/connections…
    try api.register(collection: UsersController())  // /v1/users/{user_id}/settings_link
}
