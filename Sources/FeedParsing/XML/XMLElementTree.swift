/// The flat storage of one element tree, shared by its `XMLElementNode`s: elements in document order, linked to
/// their first child and next sibling, their attributes in one array, their text as ranges of one UTF-8 buffer,
/// and the names the tree uses, each once.
public final class XMLElementTree: Sendable {
    struct Node {
        /// Index in `names`.
        var name: Int32
        /// Index in `nodes`, -1 for none.
        var firstChild: Int32 = -1
        var nextSibling: Int32 = -1
        /// Range in `attributes`.
        var attributeStart: Int32
        var attributeEnd: Int32
        /// Range in `text`.
        var textStart: Int32 = 0
        var textEnd: Int32 = 0
        /// Index in `nodes` just past its last descendant (its descendants are the nodes between).
        var subtreeEnd: Int32 = 0
    }

    struct Attribute {
        /// Index in `names`.
        var name: Int32
        var value: String
    }

    let names: [XMLName]
    let nodes: [Node]
    let attributes: [Attribute]
    let text: [UInt8]

    init(names: [XMLName], nodes: [Node], attributes: [Attribute], text: [UInt8]) {
        self.names = names
        self.nodes = nodes
        self.attributes = attributes
        self.text = text
    }

    /// The root element.
    var root: XMLElementNode { XMLElementNode(tree: self, index: 0) }

    /// An element's child elements in document order.
    public struct Children: Collection, Sendable {
        let tree: XMLElementTree
        let first: Int

        public var startIndex: Int { first < 0 ? Int.max : first }
        /// Siblings follow one another in document order, so indexes into the tree's nodes grow along them.
        public var endIndex: Int { Int.max }

        public func index(after index: Int) -> Int {
            let next = Int(tree.nodes[index].nextSibling)
            return next < 0 ? Int.max : next
        }

        public subscript(index: Int) -> XMLElementNode { XMLElementNode(tree: tree, index: index) }
    }

    /// An element's attributes in document order.
    public struct Attributes: RandomAccessCollection, Sendable {
        let tree: XMLElementTree
        let range: Range<Int>

        public var startIndex: Int { range.lowerBound }
        public var endIndex: Int { range.upperBound }

        public subscript(index: Int) -> XMLAttribute {
            let attribute = tree.attributes[index]
            return XMLAttribute(name: tree.names[Int(attribute.name)], value: attribute.value)
        }
    }
}

/// Builds `XMLElementTree`s element by element in document order. Kept by a reader between trees: its scratch
/// arrays keep their capacity, and its map from the reader's name ids to a tree's names is reset by a generation
/// count, not cleared, so building a tree costs nothing per name the reader knows but the tree does not use.
struct XMLElementTreeBuilder {
    private var names: [XMLName] = []
    private var nodes: [XMLElementTree.Node] = []
    private var attributes: [XMLElementTree.Attribute] = []
    private var text: [UInt8] = []
    /// By the reader's name id: the tree's name index, valid when its stamp is the current generation.
    private var localName: [Int32] = []
    private var stamp: [UInt32] = []
    private var generation: UInt32 = 0
    /// The open elements' node indexes and their last child so far (-1 for none).
    private var open: [(node: Int, lastChild: Int)] = []
    /// The open elements' text so far, by depth (the buffers are reused).
    private var pending: [[UInt8]] = []

    /// Starts a new tree.
    mutating func begin() {
        generation &+= 1
        if generation == 0 {
            stamp = [UInt32](repeating: 0, count: stamp.count)
            generation = 1
        }
        // The last tree owns the arrays now: start new ones the size it needed.
        names = reserved(names.count)
        nodes = reserved(nodes.count)
        attributes = reserved(attributes.count)
        text = reserved(text.count)
        open.removeAll(keepingCapacity: true)
        // Text left by a tree whose building was abandoned at an error.
        for depth in pending.indices where !pending[depth].isEmpty { pending[depth].removeAll(keepingCapacity: true) }
    }

    private func reserved<Element>(_ capacity: Int) -> [Element] {
        var array: [Element] = []
        array.reserveCapacity(capacity)
        return array
    }

    /// The tree's index of the reader's name `id`, adding `name` on first use.
    private mutating func local(_ id: Int, _ name: @autoclosure () -> XMLName) -> Int32 {
        if id >= stamp.count {
            let grown = max(id + 1, stamp.count * 2, 64)
            stamp += [UInt32](repeating: 0, count: grown - stamp.count)
            localName += [Int32](repeating: 0, count: grown - localName.count)
        }
        if stamp[id] == generation { return localName[id] }
        stamp[id] = generation
        localName[id] = Int32(names.count)
        names.append(name())
        return localName[id]
    }

    /// Opens an element named by the reader's name `id` (`name`, on first use in this tree).
    mutating func open(_ id: Int, _ name: @autoclosure () -> XMLName) {
        let index = nodes.count
        let count = Int32(attributes.count)
        nodes.append(XMLElementTree.Node(name: local(id, name()), attributeStart: count, attributeEnd: count))
        if let parent = open.last {
            if parent.lastChild < 0 {
                nodes[parent.node].firstChild = Int32(index)
            } else {
                nodes[parent.lastChild].nextSibling = Int32(index)
            }
            open[open.count - 1].lastChild = index
        }
        open.append((index, -1))
        if pending.count < open.count { pending.append([]) }
    }

    /// An attribute of the element just opened.
    mutating func attribute(_ id: Int, _ name: @autoclosure () -> XMLName, value: String) {
        attributes.append(XMLElementTree.Attribute(name: local(id, name()), value: value))
        nodes[nodes.count - 1].attributeEnd = Int32(attributes.count)
    }

    /// Text directly inside the innermost open element. While the element's text so far is the last thing in the
    /// tree's text (no child's text came after it: nearly always), it goes straight there; otherwise it waits in
    /// the element's pending buffer until the element closes.
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        let depth = open.count - 1
        let node = open[depth].node
        if pending[depth].isEmpty {
            if nodes[node].textStart == nodes[node].textEnd { nodes[node].textStart = Int32(text.count) }
            if Int(nodes[node].textEnd) == text.count || nodes[node].textStart == Int32(text.count) {
                text.append(contentsOf: bytes)
                nodes[node].textEnd = Int32(text.count)
                return
            }
        }
        pending[depth].append(contentsOf: bytes)
    }

    /// Closes the innermost open element.
    mutating func close() {
        let (node, _) = open.removeLast()
        nodes[node].subtreeEnd = Int32(nodes.count)
        let depth = open.count
        guard !pending[depth].isEmpty else { return }
        // Mixed content: the element's text is its direct text so far followed by what waited, made contiguous.
        let start = text.count
        let earlier = Array(text[Int(nodes[node].textStart)..<Int(nodes[node].textEnd)])
        text.append(contentsOf: earlier)
        text.append(contentsOf: pending[depth])
        nodes[node].textStart = Int32(start)
        nodes[node].textEnd = Int32(text.count)
        pending[depth].removeAll(keepingCapacity: true)
    }

    /// The tree built since `begin()`, once its root is closed.
    func finish() -> XMLElementTree {
        XMLElementTree(names: names, nodes: nodes, attributes: attributes, text: text)
    }
}
