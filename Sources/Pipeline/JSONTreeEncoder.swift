/// JSON with sorted keys and Foundation's pretty-printed layout, byte for byte, written from a
/// light tree: Foundation's JSONEncoder boxes every value and hashes every key, and on a
/// 400-router network writing the report took 24 times as long as converging. Checked against
/// JSONEncoder on every report type (JSONTreeEncoderTests).
struct JSONTreeEncoder {
    enum Value {
        case object(ObjectBox)
        case array(ArrayBox)
        case string(String)
        /// Numbers, booleans and null, written as they are.
        case literal(String)
    }

    final class ObjectBox { var entries: [(key: String, value: Value)] = [] }
    final class ArrayBox { var items: [Value] = [] }

    /// Where one encoded value goes.
    final class Slot { var value: Value? }

    struct Failure: Error { var message: String }

    static func encode(_ value: some Encodable) throws -> [UInt8] {
        let slot = Slot()
        try value.encode(to: TreeEncoder(slot: slot, codingPath: []))
        let root = slot.value ?? .object(ObjectBox())
        // Sized first: growing a report of tens of megabytes by doubling copied it several times.
        var out: [UInt8] = []
        out.reserveCapacity(size(root, indent: 0) + 1)
        write(root, indent: 0, into: &out)
        return out
    }

    /// The bytes `write` produces for `value` (an estimate is enough: it only sizes the buffer).
    static func size(_ value: Value, indent: Int) -> Int {
        switch value {
        case .string(let text): return text.utf8.count + 2
        case .literal(let text): return text.utf8.count
        case .array(let box):
            return box.items.reduce(4 + indent) { $0 + indent + 4 + size($1, indent: indent + 2) }
        case .object(let box):
            return box.entries.reduce(4 + indent) { $0 + indent + 9 + $1.key.utf8.count + size($1.value, indent: indent + 2) }
        }
    }

    // MARK: Writing

    static func write(_ value: Value, indent: Int, into out: inout [UInt8]) {
        switch value {
        case .string(let text): writeString(text, into: &out)
        case .literal(let text): out.append(contentsOf: text.utf8)
        case .array(let box):
            out.append(UInt8(ascii: "["))
            out.append(UInt8(ascii: "\n"))
            for (index, item) in box.items.enumerated() {
                if index > 0 { out.append(contentsOf: ",\n".utf8) }
                pad(indent + 2, &out)
                write(item, indent: indent + 2, into: &out)
            }
            out.append(UInt8(ascii: "\n"))
            pad(indent, &out)
            out.append(UInt8(ascii: "]"))
        case .object(let box):
            out.append(UInt8(ascii: "{"))
            out.append(UInt8(ascii: "\n"))
            // Foundation sorts keys by their UTF-8 bytes; a key given twice keeps its last value.
            var entries: [(key: String, value: Value)] = []
            entries.reserveCapacity(box.entries.count)
            for entry in box.entries {
                if let same = entries.firstIndex(where: { $0.key == entry.key }) { entries[same] = entry } else { entries.append(entry) }
            }
            entries.sort { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            for (index, entry) in entries.enumerated() {
                if index > 0 { out.append(contentsOf: ",\n".utf8) }
                pad(indent + 2, &out)
                writeString(entry.key, into: &out)
                out.append(contentsOf: " : ".utf8)
                write(entry.value, indent: indent + 2, into: &out)
            }
            out.append(UInt8(ascii: "\n"))
            pad(indent, &out)
            out.append(UInt8(ascii: "}"))
        }
    }

    static let spaces = [UInt8](repeating: UInt8(ascii: " "), count: 256)

    static func pad(_ count: Int, _ out: inout [UInt8]) {
        var left = count
        while left > 0 {
            let chunk = min(left, spaces.count)
            out.append(contentsOf: spaces[0..<chunk])
            left -= chunk
        }
    }

    static func writeString(_ text: String, into out: inout [UInt8]) { JSONText.writeString(text, into: &out) }

    static func number(_ value: Double) throws -> String {
        guard value.isFinite else { throw Failure(message: "\(value) is not a JSON number") }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }

    // MARK: Encoding

    struct TreeEncoder: Encoder {
        let slot: Slot
        var codingPath: [any CodingKey]
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            let box: ObjectBox
            if case .object(let existing)? = slot.value { box = existing } else { box = ObjectBox(); slot.value = .object(box) }
            return KeyedEncodingContainer(Keyed<Key>(box: box, codingPath: codingPath))
        }

        func unkeyedContainer() -> any UnkeyedEncodingContainer {
            let box: ArrayBox
            if case .array(let existing)? = slot.value { box = existing } else { box = ArrayBox(); slot.value = .array(box) }
            return Unkeyed(box: box, codingPath: codingPath)
        }

        func singleValueContainer() -> any SingleValueEncodingContainer { Single(slot: slot, codingPath: codingPath) }
    }

    /// Encodes one nested value into a fresh slot.
    static func nested(_ value: some Encodable, codingPath: [any CodingKey]) throws -> Value {
        if let text = value as? String { return .string(text) }
        let slot = Slot()
        try value.encode(to: TreeEncoder(slot: slot, codingPath: codingPath))
        return slot.value ?? .object(ObjectBox())
    }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let box: ObjectBox
        var codingPath: [any CodingKey]

        mutating func put(_ value: Value, _ key: Key) { box.entries.append((key.stringValue, value)) }
        mutating func encodeNil(forKey key: Key) throws { put(.literal("null"), key) }
        mutating func encode(_ value: Bool, forKey key: Key) throws { put(.literal(value ? "true" : "false"), key) }
        mutating func encode(_ value: String, forKey key: Key) throws { put(.string(value), key) }
        mutating func encode(_ value: Double, forKey key: Key) throws { put(.literal(try JSONTreeEncoder.number(value)), key) }
        mutating func encode(_ value: Float, forKey key: Key) throws { put(.literal(try JSONTreeEncoder.number(Double(value))), key) }
        mutating func encode(_ value: Int, forKey key: Key) throws { put(.literal(String(value)), key) }
        mutating func encode(_ value: Int8, forKey key: Key) throws { put(.literal(String(value)), key) }
        mutating func encode(_ value: Int16, forKey key: Key) throws { put(.literal(String(value)), key) }
        mutating func encode(_ value: Int32, forKey key: Key) throws { put(.literal(String(value)), key) }
        mutating func encode(_ value: Int64, forKey key: Key) throws { put(.literal(String(value)), key) }
        mutating func encode(_ value: UInt, forKey key: Key) throws { put(.literal(String(value)), key) }
        mutating func encode(_ value: UInt8, forKey key: Key) throws { put(.literal(String(value)), key) }
        mutating func encode(_ value: UInt16, forKey key: Key) throws { put(.literal(String(value)), key) }
        mutating func encode(_ value: UInt32, forKey key: Key) throws { put(.literal(String(value)), key) }
        mutating func encode(_ value: UInt64, forKey key: Key) throws { put(.literal(String(value)), key) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            put(try JSONTreeEncoder.nested(value, codingPath: codingPath + [key]), key)
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            let inner = ObjectBox()
            put(.object(inner), key)
            return KeyedEncodingContainer(Keyed<NestedKey>(box: inner, codingPath: codingPath + [key]))
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            let inner = ArrayBox()
            put(.array(inner), key)
            return Unkeyed(box: inner, codingPath: codingPath + [key])
        }

        mutating func superEncoder() -> any Encoder { superEncoder(named: "super") }
        mutating func superEncoder(forKey key: Key) -> any Encoder { superEncoder(named: key.stringValue) }

        private mutating func superEncoder(named name: String) -> any Encoder {
            let slot = Slot()
            let inner = ObjectBox()
            slot.value = .object(inner)
            box.entries.append((name, .object(inner)))
            return TreeEncoder(slot: slot, codingPath: codingPath)
        }
    }

    struct Unkeyed: UnkeyedEncodingContainer {
        let box: ArrayBox
        var codingPath: [any CodingKey]
        var count: Int { box.items.count }

        mutating func encodeNil() throws { box.items.append(.literal("null")) }
        mutating func encode(_ value: Bool) throws { box.items.append(.literal(value ? "true" : "false")) }
        mutating func encode(_ value: String) throws { box.items.append(.string(value)) }
        mutating func encode(_ value: Double) throws { box.items.append(.literal(try JSONTreeEncoder.number(value))) }
        mutating func encode(_ value: Float) throws { box.items.append(.literal(try JSONTreeEncoder.number(Double(value)))) }
        mutating func encode(_ value: Int) throws { box.items.append(.literal(String(value))) }
        mutating func encode(_ value: Int32) throws { box.items.append(.literal(String(value))) }
        mutating func encode(_ value: Int64) throws { box.items.append(.literal(String(value))) }
        mutating func encode(_ value: UInt32) throws { box.items.append(.literal(String(value))) }
        mutating func encode(_ value: UInt64) throws { box.items.append(.literal(String(value))) }
        mutating func encode<T: Encodable>(_ value: T) throws { box.items.append(try JSONTreeEncoder.nested(value, codingPath: codingPath)) }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            let inner = ObjectBox()
            box.items.append(.object(inner))
            return KeyedEncodingContainer(Keyed<NestedKey>(box: inner, codingPath: codingPath))
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            let inner = ArrayBox()
            box.items.append(.array(inner))
            return Unkeyed(box: inner, codingPath: codingPath)
        }

        mutating func superEncoder() -> any Encoder {
            let slot = Slot()
            let inner = ObjectBox()
            slot.value = .object(inner)
            box.items.append(.object(inner))
            return TreeEncoder(slot: slot, codingPath: codingPath)
        }
    }

    struct Single: SingleValueEncodingContainer {
        let slot: Slot
        var codingPath: [any CodingKey]

        mutating func encodeNil() throws { slot.value = .literal("null") }
        mutating func encode(_ value: Bool) throws { slot.value = .literal(value ? "true" : "false") }
        mutating func encode(_ value: String) throws { slot.value = .string(value) }
        mutating func encode(_ value: Double) throws { slot.value = .literal(try JSONTreeEncoder.number(value)) }
        mutating func encode(_ value: Float) throws { slot.value = .literal(try JSONTreeEncoder.number(Double(value))) }
        mutating func encode(_ value: Int) throws { slot.value = .literal(String(value)) }
        mutating func encode(_ value: Int8) throws { slot.value = .literal(String(value)) }
        mutating func encode(_ value: Int16) throws { slot.value = .literal(String(value)) }
        mutating func encode(_ value: Int32) throws { slot.value = .literal(String(value)) }
        mutating func encode(_ value: Int64) throws { slot.value = .literal(String(value)) }
        mutating func encode(_ value: UInt) throws { slot.value = .literal(String(value)) }
        mutating func encode(_ value: UInt8) throws { slot.value = .literal(String(value)) }
        mutating func encode(_ value: UInt16) throws { slot.value = .literal(String(value)) }
        mutating func encode(_ value: UInt32) throws { slot.value = .literal(String(value)) }
        mutating func encode(_ value: UInt64) throws { slot.value = .literal(String(value)) }
        mutating func encode<T: Encodable>(_ value: T) throws { slot.value = try JSONTreeEncoder.nested(value, codingPath: codingPath) }
    }
}
