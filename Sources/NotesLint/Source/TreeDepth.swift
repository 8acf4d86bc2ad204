/// Whether a tree has more than `limit` levels, found with a work list instead of recursion: it
/// guards the recursive passes over expression trees (evaluation, walks, the interpreter) from
/// trees that chains such as `a.a.a…`, `a + a + …` or `a^a^…` make deep without any bracket.
func treeIsDeeper<Node>(_ root: Node, than limit: Int, children: (Node) -> [Node]) -> Bool {
    var pending: [(Node, Int)] = [(root, 1)]
    while let (node, level) = pending.popLast() {
        if level > limit { return true }
        pending += children(node).map { ($0, level + 1) }
    }
    return false
}
