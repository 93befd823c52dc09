import Logging
import PlotonTestSupport
import Testing

@testable import PlotonServer

/// The database drivers log every query's bind values at their query log level; whatever level an
/// operator chooses, the process's handler prints them as `<redacted>`.
@Suite struct RedactingLogHandlerTests {
    @Test func query_bind_values_never_reach_a_log_at_any_level() {
        let capture = LogCapture(level: .trace)
        let logger = capture.logger(wrappedIn: { RedactingLogHandler($0) })
        logger.trace("Executing query", metadata: ["sql": "SELECT 1 WHERE token_hash = $1", "binds": ["tok_s3cret"]])
        logger.info("request", metadata: ["path": "/v1/tasks"])
        #expect(!capture.text.contains("tok_s3cret"))
        #expect(capture.text.contains("binds=<redacted>") && capture.text.contains("sql=SELECT 1"))
        #expect(capture.text.contains("path=/v1/tasks"))
    }
}
