import Foundation
import PlotonTestSupport
import Testing

/// The SDK's boundary (docs/architecture.md): PlotonAPI imports nothing of ours, and PlotonKit,
/// PlotonKitVapor and the example agent import neither the domain nor the server, so an app that
/// adds PlotonKit cannot see planners, sandboxes or the key ring. A full build would still let a
/// stray `import PlotonCore` through (every module is on the search path), hence this test;
/// `Examples/SDKBoundary/check.sh` proves the same by compiling, in CI.
@Suite struct SDKBoundaryTests {
    static let ourModules: Set = [
        "PlotonCore", "PlotonServer", "PlotonCLI", "PlotonAPI", "PlotonKit", "PlotonKitVapor", "PlotonTestSupport",
    ]

    /// Each SDK directory and the modules of ours it may import.
    static let allowed: [String: Set<String>] = [
        "Sources/PlotonAPI": [],
        "Sources/PlotonKit": ["PlotonAPI"],
        "Sources/PlotonKitVapor": ["PlotonKit"],
        "Examples/ExampleAgent": ["PlotonKit", "PlotonKitVapor"],
        "Examples/SDKBoundary": ["PlotonKit"],
    ]

    @Test(arguments: allowed.keys.sorted())
    func sdk_code_imports_only_the_sdk(directory: String) throws {
        let imports = try Self.imports(under: directory)
        #expect(!imports.isEmpty, "no Swift files found under \(directory)")
        for (file, module) in imports where Self.ourModules.contains(module) {
            #expect(Self.allowed[directory]?.contains(module) == true, "\(file) imports \(module)")
        }
    }

    /// Every `import X` (with any attributes or access level) of the Swift files under `directory`.
    static func imports(under directory: String) throws -> [(file: String, module: String)] {
        let root = RepositoryPaths.root.appendingPathComponent(directory)
        let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        let pattern = try Regex(#"^\s*(?:@\w+\s+)*(?:public\s+|package\s+|internal\s+)?import\s+(?:\w+\s+)?(\w+)"#)
        return try files.filter { $0.pathExtension == "swift" }.flatMap { file in
            try String(contentsOf: file, encoding: .utf8).split(separator: "\n").compactMap { line in
                (try pattern.firstMatch(in: String(line))?.output[1].substring).map { (file.lastPathComponent, String($0)) }
            }
        }
    }
}
