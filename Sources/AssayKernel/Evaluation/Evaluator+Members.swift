import AssayLanguage

// The members each type offers are listed in the help catalog; this is what they compute.

extension Evaluator {
    func member(_ member: Identifier, of receiver: Value, receiverSpan: SourceSpan) throws(Diagnostic) -> Value {
        let known = HelpCatalog.members(of: receiver.typeName).map(\.name)
        guard !known.isEmpty else {
            throw Diagnostic(.noMembers(type: receiver.typeName), at: member.span)
        }
        guard known.contains(member.name) else {
            throw Diagnostic(.unknownMember(member.name, type: receiver.typeName, among: known), at: member.span)
        }
        switch (receiver.asTable.map(Value.dataset) ?? receiver, member.name) {
        case (.string(let string), "length"): return .number(Double(string.count))
        case (.string(let string), "lower"): return .string(string.lowercased())
        case (.string(let string), "upper"): return .string(string.uppercased())
        case (.list(let elements), "length"): return .number(Double(elements.count))
        case (.list(let elements), "first"), (.list(let elements), "last"):
            guard let element = member.name == "first" ? elements.first : elements.last else {
                throw Diagnostic(.emptyListElement(member.name), at: member.span)
            }
            return element
        case (.dataset(let data), "rows"): return .number(Double(try rowCount(data, at: member.span)))
        case (.dataset(let data), "columns"): return .list(data.columnNames.map(Value.string))
        case (.dataset(let data), "types"): return .list(data.schema.fields.map { .string($0.type.rawValue) })
        case (.model(let model), let name): return try modelMember(name, of: model, at: member.span)
        case (.board(let board), let name): return try boardMember(name, of: board, at: member.span)
        case (.explanation(let e), let name): return try explanationMember(name, of: e, at: member.span)
        case (.tuning(let t), let name): return try tuningMember(name, of: t, at: member.span)
        case (.run(let run), let name): return try runMember(name, of: run, at: member.span)
        case (.list(let elements), let name):
            return try aggregate(name, elements, at: member.span)
        default:
            throw Diagnostic(.noSuchMember(member.name, type: receiver.typeName), at: member.span)
        }
    }

    /// min, max, sum and mean of a list's numbers; nulls are skipped, all-null gives null.
    private func aggregate(_ name: String, _ elements: [Value], at span: SourceSpan) throws(Diagnostic) -> Value {
        var numbers: [Double] = []
        for element in elements {
            switch element {
            case .null: continue
            case .number(let number): numbers.append(number)
            default:
                throw Diagnostic(.listOfNumbers(name, found: element.typeName), at: span)
            }
        }
        guard !numbers.isEmpty else { return name == "sum" ? .number(0) : .null }
        switch name {
        case "min": return .number(numbers.min { $0 < $1 } ?? .nan)
        case "max": return .number(numbers.max { $0 < $1 } ?? .nan)
        case "sum": return .number(numbers.reduce(0, +))
        default: return .number(numbers.reduce(0, +) / Double(numbers.count))
        }
    }
}
