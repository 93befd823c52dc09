import Foundation
import PlotonAPI
import PlotonCore
import Testing
import VaporTesting

@testable import PlotonServer

/// `GET /v1/tools` joins built-in objects encoded once per process with the account's custom
/// tools (`EncodedToolList`): the same bytes the API's encoder writes, with each tool's own
/// `credentials_configured`.
@Suite struct ToolListTests {
    @Test func the_joined_list_is_what_the_api_encoder_writes() throws {
        let objects = ToolCatalog.builtInDefinitions.map { ToolPresenter.builtIn($0, credentialsConfigured: $0.name == "crm") }
        for (slice, hasMore) in [(objects[...], false), (objects.prefix(2), true), (objects.prefix(0), false)] {
            let joined = EncodedToolList.response(slice.map(EncodedToolList.encoded), hasMore: hasMore)
            let encoded = try ListObject(data: Array(slice), hasMore: hasMore).jsonResponse()
            #expect(joined.body.string == encoded.body.string)
            #expect(joined.headers.contentType == .json)
        }
    }

    @Test func the_list_shows_each_tools_own_credentials_and_pages_across_built_ins_and_custom_tools() async throws {
        try await withPloton { t async throws in
            let keyed = ToolsAPITests.definition(auth: #"{"type":"api_key"}"#).replacingOccurrences(of: "internal-crm", with: "keyed")
            #expect(try await t.send(.POST, "v1/tools", key: t.testKey, json: keyed).status == .created)
            #expect(try await t.send(.POST, "v1/tools", key: t.testKey, json: ToolsAPITests.definition()).status == .created)
            let put = try await t.send(.PUT, "v1/tools/keyed/credentials", key: t.testKey, json: #"{"api_key":"sk-abc-123"}"#)
            #expect(put.status == .ok)

            func names(_ query: String, key: String? = nil) async throws -> [String: Bool] {
                let list = try await t.send(.GET, "v1/tools\(query)", key: key ?? t.testKey).object
                let data = try #require(list["data"] as? [[String: Any]])
                return Dictionary(
                    uniqueKeysWithValues: data.map { ($0["name"] as? String ?? "", $0["credentials_configured"] as? Bool ?? false) })
            }
            let builtIns = ToolCatalog.builtInDefinitions.map(\.name)
            let all = try await names("")
            #expect(Set(all.keys) == Set(builtIns + ["internal-crm", "keyed"]))
            #expect(all.filter(\.value).keys.sorted() == ["keyed"])
            #expect(try await names("?type=custom") == ["internal-crm": false, "keyed": true])
            #expect(try await names("?type=builtin").keys.sorted() == builtIns.sorted())
            let last = try await t.send(.GET, "v1/tools?limit=2&offset=\(builtIns.count)", key: t.testKey).object
            #expect((last["data"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["internal-crm", "keyed"])
            #expect(last["has_more"] as? Bool == false)
            let middle = try await t.send(.GET, "v1/tools?limit=2&offset=\(builtIns.count - 1)", key: t.testKey).object
            #expect(middle["has_more"] as? Bool == true)
            #expect(try await names("", key: t.liveKey).isEmpty == false)
            #expect(try await names("", key: t.liveKey).filter(\.value).isEmpty, "credentials belong to their environment")
        }
    }
}
