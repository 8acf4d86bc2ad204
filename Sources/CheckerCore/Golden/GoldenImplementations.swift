/// The implementations every golden case runs through.
public enum GoldenImplementations {
    public static var all: [any GoldenImplementation] {
        [ReferenceGoldenImplementation(), OptimizedGoldenImplementation(precision: .double), OptimizedGoldenImplementation(precision: .float)]
    }
}
