import Vapor

/// List filters read from a request's query, the same for an API list and its dashboard page.
extension ConnectionService.Filters {
    init(query req: Request) throws {
        try self.init(userID: req.queryValue("user_id"), tool: req.queryValue("tool"), status: req.queryValue("status"))
    }
}

extension EventService.Filters {
    init(query req: Request) throws {
        try self.init(taskID: req.queryValue("task_id"), type: req.queryValue("event"), deliverySuccess: req.queryValue("delivery_success"))
    }
}
