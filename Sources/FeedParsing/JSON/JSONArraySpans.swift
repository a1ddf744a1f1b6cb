/// While `JSONParser` reads a document, the byte ranges of the elements of the array at one path of member names
/// (`["result", "results"]` for a CKAN search page, `[]` for a top-level array). The parser reports where values
/// start and end and which containers open and close, counting the containers open around them; a member named twice
/// resolves to its last occurrence, as `JSONObject` lookups do.
struct JSONArraySpans {
    let path: [String]
    /// The ranges of the last array found at the path, nil when none was.
    private(set) var found: [Range<Int>]?
    /// How many of the outermost open containers are objects whose current member follows the path.
    private var matched = 0
    /// The nesting level of the wanted array while it is open.
    private var target: Int?
    private var elementStart = 0

    init(path: [String]) { self.path = path }

    /// A member named `key` starts in the innermost of `open` containers (an object).
    mutating func memberNamed(_ key: String, open: Int) {
        let level = open - 1
        matched = min(matched, level)
        if matched == level && level < path.count && key == path[level] { matched = open }
    }

    /// An array opens inside `open` containers.
    mutating func arrayOpens(open: Int) {
        guard open == path.count && matched == open else { return }
        target = open
        found = []
    }

    /// An empty array (`[]`) is read inside `open` containers.
    mutating func emptyArray(open: Int) {
        if open == path.count && matched == open { found = [] }
    }

    /// A value starts at `offset` inside `open` containers.
    @inline(__always)
    mutating func valueStarts(at offset: Int, open: Int) {
        if let target, open == target + 1 { elementStart = offset }
    }

    /// A value that ends before `offset` was added to the innermost of `open` containers (an array).
    @inline(__always)
    mutating func elementEnds(at offset: Int, open: Int) {
        if let target, open == target + 1 { found!.append(elementStart..<offset) }
    }

    /// The innermost container closed; `open` are left.
    mutating func containerCloses(open: Int) {
        matched = min(matched, open)
        if target == open { target = nil }
    }
}
