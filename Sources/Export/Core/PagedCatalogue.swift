import Foundation

/// A static paged catalogue: `page-1.<ext>` … `page-N.<ext>` in a folder, each with `size` datasets and hydra links
/// to the first, last, previous and next pages, named `<base>page-<n>.<ext>` (give `--base` the URL the folder will be
/// served from). Any web server can host it; DCAT harvesters follow `hydra:next`.
public enum PagedCatalogue {
    /// Writes every page; returns the files written, in order.
    @discardableResult
    public static func write(_ exporter: any Exporter, reader: ExportReader, folder: String, size: Int) throws(ExportError) -> [String] {
        guard exporter.format.pageable else {
            throw .notPageable(format: exporter.format.name, pageable: ExporterRegistry.builtIn.filter(\.format.pageable).map(\.format.name))
        }
        guard (1...1_000_000).contains(size) else { throw .badPageSize(size) }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw .missingFolder(path: folder)
        }
        let total = try reader.count()
        let ext = exporter.format.fileExtension
        let iris = reader.iris
        var files: [String] = []
        let pages = max(1, (total + size - 1) / size)
        for number in 1...pages {
            let page = ExportPage(number: number, size: size, total: total) { iris.page($0, fileExtension: ext) }
            let path = URL(fileURLWithPath: folder).appendingPathComponent("page-\(number).\(ext)").path
            let sink = try FileSink(path: path)
            try exporter.write(reader, page: page, to: sink)
            files.append(path)
        }
        return files
    }
}
