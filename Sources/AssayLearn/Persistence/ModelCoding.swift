import Foundation

/// The one JSON format of saved stages and models: how numbers are written, and how coding
/// failures become errors a person can act on.
public enum ModelCoding {
    // Fitted state holds NaN (missing values, empty columns) and infinities, which JSON numbers
    // can't. They are written as these strings; every NaN is saved as the same one, since NaN
    // means missing here whatever its payload.
    static let nan = "nan"
    static let infinity = "inf"
    static let negativeInfinity = "-inf"

    /// Compact JSON with sorted keys, so saving the same model twice gives the same bytes.
    /// Finite doubles are written in their shortest form that reads back to the same bits.
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: infinity, negativeInfinity: negativeInfinity, nan: nan)
        return encoder
    }

    /// Reads what `encoder()` writes.
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: infinity, negativeInfinity: negativeInfinity, nan: nan)
        return decoder
    }

    /// `value` as JSON, or an error saying what can't be saved.
    public static func encode(_ value: some Encodable) throws(LearnError) -> Data {
        do {
            return try encoder().encode(value)
        } catch let error as LearnError {
            throw error
        } catch EncodingError.invalidValue(_, let context) {
            throw LearnError("can't save the value at `\(path(context.codingPath))`: \(context.debugDescription)")
        } catch {
            throw LearnError("can't save: \(error)")
        }
    }

    /// A value read from JSON; a file that is not JSON, or not a saved value of this type, is an
    /// error naming where it goes wrong.
    public static func decode<Value: Decodable>(_ type: Value.Type, from data: Data) throws(LearnError) -> Value {
        do {
            return try decoder().decode(type, from: data)
        } catch let error as LearnError {
            throw error
        } catch let error as DecodingError {
            throw describe(error)
        } catch {
            throw LearnError("can't read the saved file: \(error)", help: damagedHelp)
        }
    }

    static let damagedHelp = "save the model again"

    /// A saved value whose parts don't fit together (a hand-edited or damaged file): an error
    /// at load time rather than a crash at prediction.
    static func damaged(_ message: String) -> LearnError {
        LearnError(message, help: damagedHelp)
    }

    static func describe(_ error: DecodingError) -> LearnError {
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return LearnError("the saved file is not valid JSON", help: damagedHelp)
        case .dataCorrupted(let context):
            return LearnError("the saved file has an invalid value at `\(path(context.codingPath))`", help: damagedHelp)
        case .keyNotFound(let key, let context):
            return LearnError("the saved file lacks `\(path(context.codingPath + [key]))`", help: damagedHelp)
        case .valueNotFound(let type, let context):
            return LearnError("the saved file has null at `\(path(context.codingPath))`, where a \(typeName(type)) belongs", help: damagedHelp)
        case .typeMismatch(let type, let context):
            return LearnError("the saved file has the wrong kind of value at `\(path(context.codingPath))`, where a \(typeName(type)) belongs", help: damagedHelp)
        @unknown default:
            return LearnError("can't read the saved file: \(error)", help: damagedHelp)
        }
    }

    /// `stages[2].fills[0].column`; `.` for the top level.
    static func path(_ keys: [any CodingKey]) -> String {
        var text = ""
        for key in keys {
            if let index = key.intValue, key.stringValue == "Index \(index)" || key.stringValue == String(index) {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return text.isEmpty ? "." : text
    }

    /// What a person calls a JSON value of a Swift type.
    static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is Double.Type, is Float.Type, is Int.Type, is Int32.Type, is Int8.Type, is UInt64.Type: "number"
        case is String.Type: "string"
        case is Bool.Type: "true or false"
        case is [Any].Type: "list"
        default: "object"
        }
    }
}
