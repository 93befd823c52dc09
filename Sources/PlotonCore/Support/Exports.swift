// The wire vocabulary (JSONValue, TaskStatus, Workflow, key formats) lives in PlotonAPI, the target
// the SDK shares; the domain builds on it, so whoever imports PlotonCore sees it too.
@_exported import PlotonAPI
