import Foundation

/// A request written as a function call, as agents copy it from a tool list: `create_event(title="Dentist",
/// start="…")`, `create_contact({"firstname": "Zoë", …})`, `upload_file {"name": "q4.csv", …}`,
/// `crm.list_customers(email="…") -> return name and created`. Read as the fields `StructuredRequest` turns
/// into a sentence, the call's name as the action, and the words after it.
enum ToolCallText {
    /// The call's fields (its name under `action`, a `tool.` before it under `tool`) and the words after the call.
    static func fields(in text: String) -> (fields: [(String, String)], rest: String)? {
        let characters = Array(text)
        var index = 0
        while index < characters.count, characters[index].isLetter || characters[index].isNumber || "_.".contains(characters[index]) {
            index += 1
        }
        var name = String(characters[..<index])
        // "Storage.UploadFile(…)": a plugin's function, named in camel case.
        if name.contains("."), name.first?.isUppercase == true, !name.contains("_"),
            name.split(separator: ".").allSatisfy({ $0.first?.isUppercase == true && $0.dropFirst().contains(where: \.isLowercase) })
        {
            name = snakeCased(name)
        }
        // A call is named as code names it: "create_event", "crm.search_deals", "weather.current", "geocode", never a word of
        // a sentence.
        let tools: Set<String> = [
            "weather", "calendar", "chat", "crm", "email", "payments", "storage", "slack", "gmail", "stripe", "hubspot", "drive",
        ]
        let coded =
            name.contains("_") || name == "geocode"
            || (name.split(separator: ".").count == 2 && tools.contains(String(name.split(separator: ".")[0])))
        guard coded, name.count <= 60, name.first?.isLetter == true, !name.hasSuffix("."),
            name.allSatisfy({ $0.isLowercase || $0.isNumber || "_.".contains($0) })
        else { return nil }
        while index < characters.count, characters[index] == " " { index += 1 }
        guard index < characters.count, "({".contains(characters[index]), let end = closing(characters, from: index) else { return nil }
        var arguments = String(characters[index...end])
        if arguments.hasPrefix("(") { arguments = String(arguments.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces) }
        let parsed: [(String, String)]?
        if arguments.isEmpty {
            parsed = []
        } else if arguments.hasPrefix("{") {
            parsed = StructuredRequest.jsonFields(arguments)
        } else {
            parsed = keywordArguments(arguments)
        }
        guard let parsed else { return nil }
        let parts = name.split(separator: ".").map(String.init)
        // `Ploton.RunTask(goal="Email laura@… that her refund was processed")`: a tool that runs a task said in words; the words
        // are the request (their "refund" was read as the action).
        if name.rangeOfMatch(of: #"(?i)run|task|execute|ploton|agent|delegate"#) != nil,
            let said = parsed.first(where: {
                ["task", "goal", "prompt", "request", "query", "instruction", "instructions", "input"].contains($0.0)
                    && $0.1.split(separator: " ").count >= 3
            })
        {
            return (parsed.filter { $0.0 != said.0 } + [("request", said.1)], String(characters[(end + 1)...]))
        }
        var fields = parsed.filter { !StructuredRequest.actionKeys.contains($0.0) }
        fields.append(("action", parts.last ?? name))
        if parts.count == 2 { fields.append(("tool", parts[0])) }
        // "-> return name and created": what to answer with.
        var rest = String(characters[(end + 1)...]).trimmingCharacters(in: CharacterSet(charactersIn: " \n-–>→:;."))
        // "create_contact(…), then create_deal(…)": the next call, said as the sentence it stands for (its arguments were
        // read as words: a search for "Pilot', amount=9000)").
        if let next = rest.rangeOfMatch(of: #"^(?:,\s*|;\s*)?(?:and\s+)?(?:then\s+)?(?=[a-z][\w.]*_[\w.]*\s*[({])"#) {
            let call = String(rest[next.upperBound...])
            if let (nextFields, after) = Self.fields(in: call), let written = StructuredRequest.sentence(nextFields, opening: nil) {
                rest = "then " + written + (after.isEmpty ? "" : ". " + after)
            }
        }
        return (fields, rest)
    }

    /// The index of the bracket closing the one at `start`, outside quoted text.
    static func closing(_ characters: [Character], from start: Int) -> Int? {
        var depth = 0
        var quoted = false
        var escaped = false
        for index in start..<characters.count {
            let character = characters[index]
            if escaped {
                escaped = false
            } else if character == "\\" {
                escaped = quoted
            } else if character == "\"" {
                quoted.toggle()
            } else if !quoted, "({[".contains(character) {
                depth += 1
            } else if !quoted, ")}]".contains(character) {
                depth -= 1
                if depth == 0 { return index }
            }
        }
        return nil
    }

    /// Whether `key=` or `key:` comes after the separator at `index` (and spaces after it).
    static func keyFollows(_ characters: [Character], after index: Int) -> Bool {
        var next = index + 1
        while next < characters.count, characters[next] == " " { next += 1 }
        let start = next
        while next < characters.count, next - start < 40, characters[next].isLetter || characters[next] == "_" { next += 1 }
        return next > start && next < characters.count && "=:".contains(characters[next])
    }

    /// `[Plugin: Storage] [Function: UploadFile] name=q3.csv content="…"`, "Function: CalendarPlugin.ListEvents\nArguments:
    /// date=2027-06-15; output=title,start,end": a Semantic Kernel function and its arguments, as the call they stand for
    /// (`Storage.UploadFile(name=…)`; the upload was read as a search of the files for its content).
    static func pluginCall(in text: String) -> String {
        let forms = [
            #"^\s*(?://[^\n]*\n\s*)*\[\s*Plugin\s*:\s*(\w+)\s*\]\s*\[\s*Function\s*:\s*(\w+)\s*\]\s*([\s\S]*?)\s*$"#,
            #"^\s*(?://[^\n]*\n\s*)*Function\s*:\s*(\w+)\.(\w+)\s*\n\s*Arguments\s*:\s*([\s\S]*?)\s*$"#,
            // "Invoking plugin function Ploton.RunTask with arguments: goal="…"".
            #"(?i)^\s*(?:invoking|calling|invoke|call)\s+(?:the\s+)?(?:plugin\s+)?function\s+(\w+)\.(\w+)\s+with\s+(?:the\s+)?arguments\s*:?\s*([\s\S]*?)\s*$"#,
        ]
        for form in forms where text.rangeOfMatch(of: form) != nil {
            return text.replacingMatches(of: form, with: "$1.$2($3)")
        }
        return text
    }

    /// "CalendarPlugin.ListEvents" → "calendar.list_events": a name in code's other case, as the snake case calls are read in.
    static func snakeCased(_ name: String) -> String {
        name.split(separator: ".").map { part in
            let bare = part.hasSuffix("Plugin") && part.count > 6 ? part.dropLast(6) : part[...]
            var words = ""
            for (offset, character) in bare.enumerated() {
                if character.isUppercase, offset > 0 { words.append("_") }
                words.append(Character(character.lowercased()))
            }
            return words
        }.joined(separator: ".")
    }

    /// `to="ann@…", subject="Hi, there", limit=20` → its keys and values, each read once (linear in the text).
    static func keywordArguments(_ text: String) -> [(String, String)]? {
        let characters = Array(text)
        var fields: [(String, String)] = []
        var index = 0
        while index < characters.count {
            while index < characters.count, characters[index] == " " || characters[index] == "," { index += 1 }
            guard index < characters.count else { break }
            let keyStart = index
            while index < characters.count, characters[index].isLetter || characters[index] == "_" { index += 1 }
            let key = String(characters[keyStart..<index]).lowercased()
            while index < characters.count, characters[index] == " " { index += 1 }
            guard !key.isEmpty, index < characters.count, "=:".contains(characters[index]) else { return nil }
            index += 1
            while index < characters.count, characters[index] == " " { index += 1 }
            var value = ""
            if index < characters.count, "\"'".contains(characters[index]) {
                let quote = characters[index]
                index += 1
                while index < characters.count, characters[index] != quote {
                    if characters[index] == "\\", index + 1 < characters.count {
                        index += 1
                        value.append(characters[index] == "n" ? "\n" : characters[index])
                    } else {
                        value.append(characters[index])
                    }
                    index += 1
                }
                index += 1
            } else if index < characters.count, "[{".contains(characters[index]), let end = closing(characters, from: index) {
                // `properties={"dealstage": "contractsent"}`: an object's fields are the call's own (the update asked for
                // every field); Python's single quotes read as JSON's.
                let object = String(characters[index...end])
                if object.hasPrefix("{"),
                    let inner = StructuredRequest.jsonFields(object)
                        ?? (object.contains("\"") ? nil : StructuredRequest.jsonFields(object.replacingOccurrences(of: "'", with: "\"")))
                {
                    fields += inner
                    index = end + 1
                    continue
                }
                value = AgentFields.unquoted(object)
                index = end + 1
            } else {
                // `output=title,start,end; date=…`, `name=q3.csv content="…"`: an unquoted value ends at a semicolon, or at a
                // comma or space before the next key.
                let valueStart = index
                while index < characters.count, characters[index] != ";",
                    !(" ,".contains(characters[index]) && keyFollows(characters, after: index))
                {
                    index += 1
                }
                value = String(characters[valueStart..<index])
                if index < characters.count, characters[index] == ";" { index += 1 }
            }
            // `duration_minutes=60`, `file_name="q3.csv"`: keys and units read as a JSON call's are (the hour was booked as
            // the default half).
            let trimmed = value.trimmingCharacters(in: .whitespaces)
            fields.append(
                Double(trimmed) != nil
                    ? StructuredRequest.field(key, number: trimmed) : (StructuredRequest.labelKey(key) ?? key, trimmed))
        }
        return fields
    }
}
