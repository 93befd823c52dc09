import PlotonAPI
import PlotonCore
import Vapor

/// `/v1/api_keys`: key administration, for live keys only.
struct APIKeysController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let keys = routes.grouped("api_keys").grouped(RequireLiveKeyMiddleware())
        keys.get(use: list)
        keys.post(use: create)
        keys.get(":id", use: show)
        keys.delete(":id", use: revoke)
        keys.post(":id", "roll", use: roll)
    }

    @Sendable func list(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        let environment = try req.queryValue("environment").map { raw in
            guard let environment = PlotonEnvironment(rawValue: raw) else {
                throw APIFailure.invalid("environment", "environment must be \"test\" or \"live\".")
            }
            return environment
        }
        let (keys, hasMore) = try await service(req).list(
            accountID: principal.accountID, environment: environment, page: try Pagination(req))
        return try ListObject(data: keys.map { $0.toObject(at: req.now) }, hasMore: hasMore).jsonResponse()
    }

    @Sendable func create(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        let body = try req.decodeStrictly(CreateAPIKeyRequest.self)
        let name = body.name
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty,
            !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else {
            throw APIFailure.invalid("name", "name must not be blank or contain control characters.")
        }
        let (key, secret) = try await service(req).create(accountID: principal.accountID, name: name, environment: body.environment)
        return try key.toObject(at: req.now, secret: secret).jsonResponse(status: .created)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let key = try await service(req).find(accountID: try req.requirePrincipal().accountID, id: try req.parameters.require("id"))
        return try key.toObject(at: req.now).jsonResponse()
    }

    @Sendable func roll(req: Request) async throws -> Response {
        let expiresIn = try req.decodeStrictly(ExpiresInRequest.self).expiresIn.within(0...APIKeyService.maxRollOverlap, "expires_in") ?? 0
        let (key, secret) = try await service(req).roll(
            accountID: try req.requirePrincipal().accountID, id: try req.parameters.require("id"), expiresIn: expiresIn)
        return try key.toObject(at: req.now, secret: secret).jsonResponse(status: .created)
    }

    @Sendable func revoke(req: Request) async throws -> Response {
        let key = try await service(req).revoke(accountID: try req.requirePrincipal().accountID, id: try req.parameters.require("id"))
        return try key.toObject(at: req.now).jsonResponse()
    }

    private func service(_ req: Request) -> APIKeyService { APIKeyService(database: req.db, now: req.now, keys: req.ploton.keys) }
}

/// Key administration needs a live key: a leaked test key must not be able to mint live keys.
struct RequireLiveKeyMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard try request.requirePrincipal().environment == .live else {
            throw APIFailure(
                .forbidden, "API keys can only be managed with a live key (pk_live_…). Use a live key, the dashboard or `ploton keys`.")
        }
        return try await next.respond(to: request)
    }
}
