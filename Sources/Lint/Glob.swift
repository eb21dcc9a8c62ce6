/// Path globs for `.routesim.yml` `ignore:` (docs/linting.md): `?` one character and `*` any
/// characters within a path segment, `**` any characters across segments (`**/` zero or more
/// whole segments). A pattern without `/` matches the file name; any other pattern matches from
/// the start of the path or from just after a `/`.
///
/// Matched by walking the set of pattern positions alive after each character (an automaton),
/// so time is path length × pattern length: the recursive matcher it replaces tried every split
/// point and never finished on `*a*a*a*a*a*a*b` against a 60-character name.
struct Glob: Sendable {
    private enum Token: Equatable {
        case character(Character)
        case oneInSegment
        case anyInSegment
        case anyAcrossSegments
        case wholeSegments
    }

    private let tokens: [Token]
    private let matchesFileName: Bool

    init(_ pattern: String) {
        matchesFileName = !pattern.contains("/")
        var tokens: [Token] = []
        let characters = Array(pattern)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "*", index + 1 < characters.count, characters[index + 1] == "*" {
                if index + 2 < characters.count, characters[index + 2] == "/" {
                    tokens.append(.wholeSegments); index += 3
                } else {
                    tokens.append(.anyAcrossSegments); index += 2
                }
                continue
            }
            switch character {
            case "*": if tokens.last != .anyInSegment { tokens.append(.anyInSegment) }
            case "?": tokens.append(.oneInSegment)
            default: tokens.append(.character(character))
            }
            index += 1
        }
        self.tokens = tokens
    }

    func matches(_ path: String) -> Bool {
        let subject: Substring
        if matchesFileName, let slash = path.lastIndex(of: "/") { subject = path[path.index(after: slash)...] } else { subject = Substring(path) }
        // alive[k]: pattern position k reached at a character boundary; inside[k]: inside a
        // segment that `**/` at k is consuming (it may only move on after that segment's '/').
        var alive = Array(repeating: false, count: tokens.count + 1)
        var inside = alive
        var nextAlive = alive, nextInside = alive
        add(0, to: &alive)
        for character in subject {
            for index in nextAlive.indices { nextAlive[index] = false; nextInside[index] = false }
            for position in tokens.indices {
                if inside[position] {
                    if character == "/" { add(position, to: &nextAlive) } else { nextInside[position] = true }
                }
                guard alive[position] else { continue }
                switch tokens[position] {
                case .character(let expected): if character == expected { add(position + 1, to: &nextAlive) }
                case .oneInSegment: if character != "/" { add(position + 1, to: &nextAlive) }
                case .anyInSegment: if character != "/" { add(position, to: &nextAlive) }
                case .anyAcrossSegments: add(position, to: &nextAlive)
                case .wholeSegments: if character == "/" { add(position, to: &nextAlive) } else { nextInside[position] = true }
                }
            }
            // Patterns with a '/' may also start right after any '/' of the path.
            if character == "/" && !matchesFileName { add(0, to: &nextAlive) }
            swap(&alive, &nextAlive)
            swap(&inside, &nextInside)
        }
        return alive[tokens.count]
    }

    /// Marks `position` alive, with every position reachable from it without reading a character.
    private func add(_ position: Int, to alive: inout [Bool]) {
        var position = position
        while position <= tokens.count, !alive[position] {
            alive[position] = true
            guard position < tokens.count else { return }
            switch tokens[position] {
            case .anyInSegment, .anyAcrossSegments, .wholeSegments: position += 1
            default: return
            }
        }
    }
}
