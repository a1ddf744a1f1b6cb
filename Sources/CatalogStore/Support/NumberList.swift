/// Numbers as a JSON array, to hand a list to one statement through `json_each(?)` (a row id, `seq` or key hash each).
enum NumberList {
    static func json(_ numbers: some Sequence<Int64>) -> String {
        "[" + numbers.map(String.init).joined(separator: ",") + "]"
    }
}
