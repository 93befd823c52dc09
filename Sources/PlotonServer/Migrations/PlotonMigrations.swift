import Fluent

/// The schema's history, in order. Append only: never edit a migration that has shipped.
enum PlotonMigrations {
    static let all: [any Migration] = [
        CreateAccounts(),
        CreateAPIKeys(),
        CreateWebhookSecrets(),
        CreateIdempotencyRecords(),
        CreateTasks(),
        CreateTaskSteps(),
        CreateEvents(),
        CreateCustomTools(),
        CreateSandboxRecords(),
        CreateWebhookDelivery(),
        CreateConnections(),
        IndexStepsByCapability(),
        CreateDashboard(),
        AddOperatorPasswords(),
        CreateSubagents(),
        UpdateIdempotencyRecordsSealBodies(),
        UpdateTasksFairClaims(),
        IndexWebhookDeliveriesByURL(),
        CreateRateLimitBuckets(),
        CreatePacingWindows(),
        IndexWebhookDeliveriesByEnvironment(),
        IndexLogsByAge(),
        UpdateTasksTraceContext(),
        UpdateStoredJSONToJSONB(),
        CreateUpkeepSchedule(),
        IndexWebhookDeliveriesByURLInClaimOrder(),
        CreateToolMemory(),
        UpdateTaskJSONToJSON(),
        UpdateSortableIDsToByteOrder(),
        IndexPendingWebhookDeliveries(),
        DropWebhookDeliveriesAccountReference(),
    ]
}
