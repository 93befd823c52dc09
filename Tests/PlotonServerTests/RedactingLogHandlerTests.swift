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
        logger.debug("create", metadata: ["action": "create", "input": ["secret_hash": "hash_s3cret"]])
        logger.info("request", metadata: ["path": "/v1/tasks"])
        #expect(!capture.text.contains("tok_s3cret") && !capture.text.contains("hash_s3cret"))
        #expect(capture.text.contains("binds=<redacted>") && capture.text.contains("sql=SELECT 1"))
        #expect(capture.text.contains("path=/v1/tasks"))
    }

    @Test func credential_headers_in_a_logged_request_head_lose_their_values() {
        let capture = LogCapture(level: .trace)
        let logger = capture.logger(wrappedIn: { RedactingLogHandler($0) })
        // What Vapor logs at trace for every request.
        let head =
            "Decoded HTTP part: head: HTTPRequestHead { method: GET, uri: \"/v1/tasks\", version: HTTP/1.1, headers: Host: a; "
            + "Authorization: Bearer pk_live_s3cret; cookie: ploton_session=sess_s3cret; X-Api-Key: key_s3cret; Accept: */* }"
        logger.trace("\(head)")
        #expect(!capture.text.contains("s3cret"), "\(capture.text)")
        #expect(capture.text.contains("Authorization: <redacted>; cookie: <redacted>; X-Api-Key: <redacted>; Accept: */*"))
        #expect(capture.text.contains("uri: \"/v1/tasks\""))
    }

    @Test func bearer_tokens_in_a_logged_request_uri_lose_their_values() {
        let capture = LogCapture(level: .trace)
        let logger = capture.logger(wrappedIn: { RedactingLogHandler($0) })
        for uri in [
            "/oauth/callback/email?code=sbx_code_s3cret&state=st_s3cret", "/auth/email?session=sess_s3cret",
            "/dashboard/sign-in?token=s3cret", "/approve/tok_s3cret", "/settings/tok_s3cret/revoke?x=1",
        ] {
            logger.trace("Decoded HTTP part: head: HTTPRequestHead { method: GET, uri: \"\(uri)\", version: HTTP/1.1, headers: Host: a }")
        }
        #expect(!capture.text.contains("s3cret"), "\(capture.text)")
        for uri in [
            "/oauth/callback/email?<redacted>", "/auth/email?<redacted>", "/dashboard/sign-in?<redacted>", "/approve/<redacted>",
            "/settings/<redacted>/revoke?<redacted>",
        ] {
            #expect(capture.text.contains("uri: \"\(uri)\""), "\(uri)")
        }
    }

    /// A key set on the logger (a request's id) is on every line it logs, as the wrapped handler's own was; one
    /// removed is on none, and a line's own value for a key wins, as before.
    @Test func metadata_set_on_the_logger_is_on_each_line_it_logs() {
        let capture = LogCapture(level: .trace)
        var logger = capture.logger(wrappedIn: { RedactingLogHandler($0) })
        logger[metadataKey: "request-id"] = "req_1"
        logger[metadataKey: "input"] = "s3cret"
        logger.warning("first")
        logger.warning("second", metadata: ["request-id": "req_2"])
        #expect(logger[metadataKey: "request-id"] == "req_1")
        #expect(logger.handler.metadata["request-id"] == "req_1")
        logger[metadataKey: "request-id"] = nil
        logger.warning("third")
        let lines = capture.text.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0].contains("request-id=req_1") && lines[0].contains("input=<redacted>"), "\(lines[0])")
        #expect(lines[1].contains("request-id=req_2") && !lines[1].contains("req_1"), "\(lines[1])")
        #expect(!lines[2].contains("request-id") && lines[2].contains("input=<redacted>"), "\(lines[2])")
        #expect(!capture.text.contains("s3cret"))
    }
}
