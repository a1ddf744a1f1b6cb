/// The position of the value being read, kept as a stack of steps so a problem can name its JSON pointer.
struct JSONLDPath {
    /// One step down into the document: an object member or an array element.
    enum Step {
        case key(String)
        case index(Int)
    }

    private(set) var steps: [Step] = []

    mutating func push(_ key: String) { steps.append(.key(key)) }
    mutating func push(_ index: Int) { steps.append(.index(index)) }
    mutating func pop() { steps.removeLast() }

    /// The RFC 6901 JSON pointer of the current position: "" for the document itself, else "/a/0/b"
    /// with `~` written `~0` and `/` written `~1`.
    var pointer: String {
        var text = ""
        for step in steps {
            text += "/"
            switch step {
            case .index(let index):
                text += String(index)
            case .key(let key):
                if key.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) {
                    text += key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
                } else {
                    text += key
                }
            }
        }
        return text
    }

    /// The pointer as it appears in messages: "/a/0/b", or "the document root" for "".
    var display: String {
        let pointer = self.pointer
        return pointer.isEmpty ? "the document root" : pointer
    }
}
