import Foundation

extension Workflow {
    /// The steps a task's result is made of, in order: the one the planner chose, or else every step
    /// no later step reads from. A prompt asking for several things side by side ("the weather in
    /// Rome and Milan", "post … and email …") gets all of them, not only the last.
    public var resultSteps: [Int] {
        if let resultStep { return steps.indices.contains(resultStep) ? [resultStep] : [] }
        let used = Set(steps.flatMap { $0.input.values.flatMap(\.referencedSteps) })
        return steps.indices.filter { !used.contains($0) }
    }

    /// The earlier steps whose output step `index` reads.
    public func stepsRead(by index: Int) -> [Int] {
        steps.indices.contains(index) ? steps[index].input.values.flatMap(\.referencedSteps) : []
    }
}
