/// The engines a session holds: the embedded one, always there, and the one new tables go to.
struct Engines: Sendable, Equatable {
    let local: LocalEngine
    /// Where `load "PATH"` reads; the embedded engine until `engine` names another.
    var current: any Engine
    /// The running cell, for engines that work elsewhere (cancellation, progress).
    let cell = CellScope()

    init() {
        let local = LocalEngine()
        self.local = local
        current = local
    }

    /// The engine that holds a table and runs its operations.
    func engine(for table: TableRef) -> any Engine {
        switch table {
        case .local: local
        case .remote(let remote): remote.engine
        }
    }

    static func == (a: Engines, b: Engines) -> Bool { a.local === b.local && a.current === b.current && a.cell === b.cell }
}
