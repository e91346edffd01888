/// What a model learns: classes or real values.
public enum LearningTask: String, Sendable, Hashable, Codable, CaseIterable {
    case classification, regression
}
