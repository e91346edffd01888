/// A saved type whose fields can contradict each other in a hand-edited or damaged file. Its
/// coding is the compiler's; `StoredStage` and `StoredModel` call `validate()` on what they
/// read, so such a file is an error at load time rather than a crash at prediction.
protocol ValidatedOnLoad {
    /// Throws `ModelCoding.damaged` naming what does not fit together.
    func validate() throws(LearnError)
}
