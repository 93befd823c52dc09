import PlotonCore
import Testing

/// The silent drops of blind round h20 (session 11), by class.
@Suite struct PlannerRoundH20Tests {
    @Test func a_schedule_opening_a_part_that_reads_as_a_lookup_is_still_refused() async {
        let failure = await EmbeddedPlanning.failure("Every Friday at 5pm post the open deals count in #sales-floor")
        #expect(failure?.contains("every friday") == true, "was a read of #sales-floor's messages, done once: \(failure ?? "a workflow")")
    }

    @Test func message_text_ends_where_a_save_to_drive_follows() async throws {
        let workflow = try await EmbeddedPlanning.workflow(
            "write a note to #general saying lunch is here and also save it to Drive as lunch.txt")
        #expect(workflow.steps.map(\.capability) == ["find_channel", "post_message", "upload_file"], "the save ran on as the message")
        #expect(workflow.steps.last?.input["name"] == .literal(.string("lunch.txt")))
    }

    @Test func a_save_to_drive_written_without_its_verb_saves_what_is_read() async throws {
        for prompt in [
            "contacts created last month, csv to drive as new-contacts-nov.csv", "open deals saved to drive as deals.csv",
        ] {
            let workflow = try await EmbeddedPlanning.workflow(prompt)
            #expect(
                workflow.steps.first?.tool == "crm" && workflow.steps.last?.capability == "upload_file", "\(prompt): was a Drive listing")
        }
        let listing = try await EmbeddedPlanning.workflow("list the files uploaded to drive this week")
        #expect(listing.steps.map(\.capability) == ["list_files"], "files described as uploaded are still listed")
    }
}
