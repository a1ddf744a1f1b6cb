import Foundation

/// The frame of every HTML page (a little CSS, no JavaScript) and escaping: every text a page shows goes through
/// `escape`, every URL it builds through `queryValue` and `escape`.
enum HTMLPage {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }

    /// A value for a query string (`+`, `&`, `=`, `#` and spaces encoded).
    static func queryValue(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: queryAllowed) ?? ""
    }

    /// A record id in a `/datasets/` path: each segment percent-encoded, the slashes kept.
    static func datasetPath(_ id: String) -> String {
        "/datasets/" + id.split(separator: "/", omittingEmptySubsequences: false)
            .map { $0.addingPercentEncoding(withAllowedCharacters: pathAllowed) ?? "" }.joined(separator: "/")
    }

    private static let queryAllowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
    private static let pathAllowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:@")

    static func page(title: String, query: String = "", body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title)) · fedcat</title>
        <style>
        body { font: 16px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 70rem; padding: 1rem; color: #222; }
        header form { display: flex; gap: .5rem; margin: .5rem 0 1rem; }
        header input[type=search] { flex: 1; font-size: 1.1rem; padding: .4rem; }
        a { color: #0b57a4; }
        .layout { display: flex; gap: 2rem; }
        .results { flex: 3; list-style: none; padding: 0; margin: 0; }
        .results li { margin: 0 0 1.1rem; }
        .results h2 { font-size: 1.1rem; margin: 0; }
        .meta { color: #555; font-size: .9rem; }
        .format { display: inline-block; border: 1px solid #999; border-radius: 3px; padding: 0 .3rem; margin-right: .2rem; font-size: .8rem; }
        .snippet { font-size: .9rem; margin: .2rem 0 0; }
        aside { flex: 1; font-size: .9rem; }
        aside h3 { font-size: .95rem; margin: 1rem 0 .3rem; text-transform: capitalize; }
        aside ul { list-style: none; padding: 0; margin: 0; }
        nav.pages { margin: 1rem 0; display: flex; gap: 1rem; }
        dl.record { display: grid; grid-template-columns: 10rem 1fr; gap: .3rem 1rem; }
        dl.record dt { color: #555; }
        @media (max-width: 50rem) { .layout { flex-direction: column; } }
        </style>
        </head>
        <body>
        <header><a href="/">fedcat</a>
        <form action="/" method="get" role="search"><input type="search" name="q" value="\(escape(query))" aria-label="Search the catalogue" placeholder="Search datasets: words, &quot;phrases&quot;, format:csv, publisher:…"><button type="submit">Search</button></form>
        </header>
        <main>
        \(body)
        </main>
        </body>
        </html>

        """
    }
}
