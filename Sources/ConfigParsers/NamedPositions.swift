/// Where each named element sits in an array a parser appends to (neighbors, interfaces), so
/// that finding one by name is not a scan per statement (which made parsing quadratic). The
/// array stays the truth: other code may edit it, and the index is rebuilt when it disagrees.
struct NamedPositions: Sendable {
    private var positions: [String: Int] = [:]

    /// The position of the element named `name`, appended with `make()` on its first mention.
    mutating func position<Element>(of name: String, in elements: inout [Element], name nameOf: (Element) -> String,
                                    make: () -> Element) -> Int {
        if positions.count != elements.count { reindex(elements, nameOf) }
        if let index = positions[name] {
            if elements.indices.contains(index), nameOf(elements[index]) == name { return index }
            reindex(elements, nameOf)
            if let index = positions[name] { return index }
        }
        elements.append(make())
        positions[name] = elements.count - 1
        return elements.count - 1
    }

    private mutating func reindex<Element>(_ elements: [Element], _ nameOf: (Element) -> String) {
        positions = Dictionary(elements.enumerated().map { (nameOf($1), $0) }, uniquingKeysWith: { first, _ in first })
    }
}
