import Foundation

/// The markup agents wrap a hand-off in, as the labelled lines `StructuredRequest` reads: a Markdown heading that names a
/// section ("## Task", "**Expected output**") joined to the line under it ("Task: …"), a section of inputs left to its
/// values, a title heading as a label alone; a fenced block of JSON or YAML as one "key: value" line a value; a table of
/// keys and values ("| person | Grace Haddad |") as labelled lines; "field: phone" over "new value: …" as "phone: …";
/// values that say there is none ("attendees: none") left out. Each was read as words: the values were asked for again,
/// or the labels taken for actions ("no tool here can period that").
enum HandOffMarkup {
    /// Section names whose text is one value, said on the line under the heading.
    static let valueSections: [String: String] = [
        "task": "Task", "objective": "Objective", "goal": "Goal", "action": "Action", "request": "Request", "ask": "Request",
        "instruction": "Instruction", "instructions": "Instruction", "question": "Question", "expected output": "Return",
        "output": "Return", "expected result": "Return", "deliverable": "Return", "return": "Return", "returns": "Return",
        "response format": "Return", "context": "Context", "background": "Context", "message": "Message", "body": "Body",
        "subject": "Subject", "text": "Text",
    ]
    /// Section names that only head the values under them.
    static let inputSections: Set<String> = [
        "inputs", "input", "parameters", "params", "arguments", "args", "details", "data", "payload", "values", "fields",
    ]
    /// Values that say there is none.
    static let noValues: Set<String> = ["none", "n/a", "na", "null", "nil", "-", "—", "nobody", "no one", "(none)", "[]", "tbd"]

    static func normalized(_ prompt: String) -> String {
        guard prompt.contains("\n") else { return prompt }
        var lines = prompt.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines = fencedDataWritten(lines)
        lines = keyValueTablesWritten(lines)
        lines = headingsWritten(lines)
        lines = changedFieldsWritten(lines)
        lines = lines.filter { !saysNone($0) }.map(appliedAsUpdate)
        let text = lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        return text == prompt.trimmingCharacters(in: .whitespacesAndNewlines) ? prompt : text
    }

    /// "```json\n{"title": …, "guests": […]}\n```", "```yaml\nplace: Cape Town\n```": the block's values as labelled lines;
    /// a fence around anything else goes, its lines stay.
    static func fencedDataWritten(_ lines: [String]) -> [String] {
        var written: [String] = []
        var block: [String]?
        for line in lines {
            let fence = line.trimmingCharacters(in: .whitespaces).hasPrefix("```")
            if fence, let open = block {
                written += dataLines(open.joined(separator: "\n")) ?? open
                block = nil
            } else if fence {
                block = []
            } else if block != nil {
                block?.append(line)
            } else {
                written.append(line)
            }
        }
        return written + (block ?? [])
    }

    /// A JSON object's values as "key: value" lines, or nil for text that is no object.
    static func dataLines(_ text: String) -> [String]? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasPrefix("{"), trimmed.hasSuffix("}"), let fields = StructuredRequest.jsonFields(trimmed), !fields.isEmpty
        else { return nil }
        // In the order the block writes them (a dictionary's order changes from run to run, and the lines are read in order).
        let position = { (value: String) -> String.Index in
            let first = value.components(separatedBy: ", ").first ?? value
            return trimmed.range(of: "\"" + first)?.lowerBound ?? trimmed.range(of: first)?.lowerBound ?? trimmed.endIndex
        }
        return fields.enumerated().sorted { first, second in
            let (one, other) = (position(first.element.1), position(second.element.1))
            return one == other ? first.offset < second.offset : one < other
        }.map { "\($0.element.0): \($0.element.1.replacingOccurrences(of: "\n", with: " "))" }
    }

    /// "| key | value |\n|---|---|\n| person | Grace Haddad |": each row "person: Grace Haddad". Only tables of two columns
    /// whose header says the second holds values; other tables are `MarkupRequests`' to read.
    static func keyValueTablesWritten(_ lines: [String]) -> [String] {
        let ruled = #"^\s*\|?\s*:?-{3,}:?\s*\|\s*:?-{3,}:?\s*\|?\s*$"#
        var written: [String] = []
        var index = 0
        while index < lines.count {
            let header = cells(lines[index])
            guard header.count == 2, index + 1 < lines.count, lines[index + 1].rangeOfMatch(of: ruled) != nil,
                ["value", "values", "val", "setting", "details", "content"].contains(header[1].lowercased())
            else {
                written.append(lines[index])
                index += 1
                continue
            }
            index += 2
            while index < lines.count, case let row = cells(lines[index]), row.count == 2 {
                written.append("\(row[0]): \(row[1])")
                index += 1
            }
        }
        return written
    }

    static func cells(_ line: String) -> [String] {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("|"), trimmed.hasSuffix("|"), trimmed.count > 2 else { return [] }
        return trimmed.dropFirst().dropLast().split(separator: "|", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "`", with: "")
        }
    }

    /// A heading's words: "## Task" → "Task", "**Expected output**" → "Expected output", "**Objective:** brief …" is no heading.
    static func heading(_ line: String) -> String? {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        let words: String
        if let hashes = trimmed.rangeOfMatch(of: #"^#{1,6}\s+"#) {
            words = String(trimmed[hashes.upperBound...])
        } else if trimmed.count > 4, trimmed.hasPrefix("**") || trimmed.hasPrefix("__"),
            trimmed.hasSuffix("**") || trimmed.hasSuffix("__") || trimmed.hasSuffix("**:") || trimmed.hasSuffix("__:")
        {
            words = trimmed.trimmingCharacters(in: CharacterSet(charactersIn: "*_:"))
            guard !words.contains("**"), !words.contains("__") else { return nil }
        } else {
            return nil
        }
        let plain = words.replacingOccurrences(of: "**", with: "").trimmingCharacters(in: .whitespaces)
        return plain.isEmpty ? nil : plain
    }

    /// "## Task\nFetch …" → "Task: Fetch …"; "**Expected output**\n- name\n- topic" → "Return: name, topic"; "**Inputs**"
    /// goes; "## Action: create calendar event" → "Action: create calendar event"; "# CRM lookup" → "CRM lookup:".
    static func headingsWritten(_ lines: [String]) -> [String] {
        var written: [String] = []
        var index = 0
        while index < lines.count {
            guard let words = heading(lines[index]) else {
                written.append(lines[index])
                index += 1
                continue
            }
            index += 1
            let name = words.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ":"))
            if words.contains(":"), !words.hasSuffix(":") {
                written.append(words)
                continue
            }
            if inputSections.contains(name) { continue }
            guard let label = valueSections[name] else {
                // A title in bold ("**Steps:**", "**Calendar hold**") is `MarkupRequests`' to drop; one after "#" is a label alone.
                let hashed = lines[index - 1].trimmingCharacters(in: .whitespaces).hasPrefix("#")
                written.append(
                    !hashed
                        ? lines[index - 1]
                        : words.split(separator: " ").count <= 6
                            ? words.trimmingCharacters(in: CharacterSet(charactersIn: ":")) + ":" : words)
                continue
            }
            // The lines under the heading up to a blank line or the next heading: one line is the value; bullets without
            // labels are a list of values.
            var body: [String] = []
            while index < lines.count, !lines[index].trimmingCharacters(in: .whitespaces).isEmpty, heading(lines[index]) == nil {
                body.append(lines[index].trimmingCharacters(in: .whitespaces))
                index += 1
            }
            let items = body.map(AgentFields.plain)
            if body.count == 1, StructuredRequest.keyValue(items[0]) == nil {
                written.append("\(label): \(items[0])")
            } else if body.count > 1, label == "Return", body.allSatisfy({ AgentFields.plain($0) != $0 }),
                items.allSatisfy({ !$0.contains(":") })
            {
                written.append(
                    "Return: " + items.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " .;")) }.joined(separator: ", "))
            } else {
                written.append("\(label):")
                written += body
            }
        }
        return written
    }

    /// "- field: phone\n- new value: +44 …" → "phone: +44 …": the field an update changes, and its value.
    static func changedFieldsWritten(_ lines: [String]) -> [String] {
        let pairs = lines.map { line -> (String, String)? in
            let plain = AgentFields.plain(line)
            guard let colon = plain.firstIndex(of: ":") else { return nil }
            return (
                plain[..<colon].lowercased().trimmingCharacters(in: .whitespaces),
                plain[plain.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            )
        }
        guard let field = pairs.firstIndex(where: { ["field", "property", "attribute"].contains($0?.0 ?? "") }),
            let value = pairs.firstIndex(where: { ["new value", "new_value", "value", "set to", "new"].contains($0?.0 ?? "") }),
            let name = pairs[field]?.1, let new = pairs[value]?.1, !name.isEmpty, !new.isEmpty
        else { return lines }
        var written = lines
        written[field] = "\(name): \(new)"
        written.remove(at: value)
        return written
    }

    /// "Apply it in the CRM.", "Please reflect that in HubSpot.", "Apply both changes in one update." under the values: the
    /// update they describe ("no tool here can apply that").
    static func appliedAsUpdate(_ line: String) -> String {
        // After a sentence of a label's value, the update starts a line of its own.
        line.replacingMatches(
            of:
                #"(?i)(?<=[.!?])\s+(?=(?:please\s+)?(?:apply|reflect|action|process|commit|push)\s+(?:it|that|this|them|these|both|the)\b)"#,
            with: "\n"
        ).replacingMatches(
            of: #"(?im)(^\s*)(?:please\s+)?(?:apply|reflect|action|process|commit|push)\s+"#
                + #"(?:it|that|this|them|these(?:\s+changes)?|both(?:\s+changes)?|the\s+changes?|this\s+change|the\s+update)\b"#,
            with: "$1Update it")
    }

    /// "- attendees: none", "cc: n/a": a label whose value says there is none.
    static func saysNone(_ line: String) -> Bool {
        let plain = AgentFields.plain(line)
        guard let colon = plain.firstIndex(of: ":"), plain[..<colon].split(separator: " ").count <= 3 else { return false }
        let value = plain[plain.index(after: colon)...].trimmingCharacters(in: CharacterSet(charactersIn: " ."))
        return noValues.contains(value.lowercased())
    }
}
