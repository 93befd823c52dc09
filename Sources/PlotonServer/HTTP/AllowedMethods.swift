import Vapor

/// Which methods the router has for a path, so a wrong method gets `405` with `Allow`, not `404`.
enum AllowedMethods {
    static func forPath(_ path: String, in routes: Routes) -> [HTTPMethod] {
        let components = path.split(separator: "/").map(String.init)
        let methods = routes.all.filter { route in
            guard route.path.count == components.count else { return false }
            return zip(route.path, components).allSatisfy { pathComponent, component in
                switch pathComponent {
                case .constant(let constant): constant == component
                case .parameter: true
                case .anything, .catchall: true
                }
            }
        }.map(\.method)
        var seen = Set<String>()
        return methods.filter { seen.insert($0.rawValue).inserted }
    }
}
