import AssayLanguage

/// The session's settings, changed with `set`.
struct Settings: Sendable, Equatable {
    var seed = 0
    var parallel = 2
    var rows = 20
    /// Seconds before long work shows its progress.
    var progressAfter = 1

    subscript(setting: Setting) -> Int {
        get {
            switch setting {
            case .seed: seed
            case .parallel: parallel
            case .rows: rows
            case .progressAfter: progressAfter
            }
        }
        set {
            switch setting {
            case .seed: seed = newValue
            case .parallel: parallel = newValue
            case .rows: rows = newValue
            case .progressAfter: progressAfter = newValue
            }
        }
    }
}
