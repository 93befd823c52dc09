import Foundation

/// The built-in tools' definitions, bundled as JSON in the same format custom tools use.
enum BuiltInDefinitions {
    static func load(_ names: [String]) -> [ToolDefinition] {
        names.map { name in
            guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "tools"),
                let data = try? Data(contentsOf: url)
            else { fatalError("the built-in tool definition \(name).json is missing from the build") }
            do {
                let definition = try JSONDecoder().decode(ToolDefinition.self, from: data)
                try ToolDefinitionValidator.validate(definition)
                return definition
            } catch {
                fatalError("the built-in tool definition \(name).json is invalid: \(error)")
            }
        }
    }
}
