/// A named group of runs.
public struct Experiment: Sendable, Hashable {
    /// The store's id: a number as text in SQLite, MLflow's experiment id on a server.
    public var id: String
    public var name: String

    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }

    /// The experiment runs go to until the session names another.
    public static let defaultName = "Default"
}
