#!/usr/bin/env python3
"""Generates fedcat's vocabulary tables for the normalisation rules (Python 3, standard library only).

    python3 scripts/vocab/vocab.py            # write the four tables
    python3 scripts/vocab/vocab.py --check    # exit 1 when a written table differs from what would be generated
    options: --vocab DIR (default $FEDCAT_VOCAB, else ../shared/vocab beside the project, else /work/shared/vocab)
             --out DIR   (default Sources/Normalise of the project holding this script)

Writes, each with a header naming its sources and their versions:
    Sources/Normalise/Formats/FormatTable.swift        EU file types, extensions, IANA media types
    Sources/Normalise/Languages/LanguageTable.swift    ISO 639-1 <-> 639-2/B <-> 639-2/T <-> English name
    Sources/Normalise/Themes/ThemeTable.swift          EU data themes, ISO 19115 topic categories and INSPIRE themes
    Sources/Normalise/Frequencies/FrequencyTable.swift EU frequencies, ISO 8601 repeating intervals, words, days

The reference files are read from shared/vocab (see its README.md and MANIFEST.tsv); what they lack is curated
below (CURATED_* and the alias lists), so this script is the one place to change a mapping. The folding functions
here (fold_name, fold_words, fold_theme) must stay identical to the Swift ones that look keys up
(FormatRule.foldName, FrequencyRule.fold, ThemeRule.fold).
"""

import argparse
import json
import os
import re
import sys
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
PROJECT = os.path.normpath(os.path.join(HERE, "..", ".."))

NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "at": "http://publications.europa.eu/ontology/authority/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "owl": "http://www.w3.org/2002/07/owl#",
}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
RDF_ABOUT = "{%s}about" % NS["rdf"]
RDF_RESOURCE = "{%s}resource" % NS["rdf"]
EU = "http://publications.europa.eu/resource/authority/"

warnings = []


def warn(message):
    warnings.append(message)


# ---------------------------------------------------------------------------------------------------------------
# Reading the reference files
# ---------------------------------------------------------------------------------------------------------------

class Vocab:
    def __init__(self, root):
        self.root = root
        self.manifest = {}
        with open(os.path.join(root, "MANIFEST.tsv"), encoding="utf-8") as handle:
            for line in handle.read().splitlines()[1:]:
                fields = line.split("\t")
                if len(fields) >= 5:
                    self.manifest[fields[0]] = (fields[1], fields[4])

    def path(self, relative):
        return os.path.join(self.root, relative)

    def rdf(self, relative):
        return ET.parse(self.path(relative)).getroot()

    def json(self, relative):
        with open(self.path(relative), encoding="utf-8") as handle:
            return json.load(handle)

    def version_info(self, relative):
        """owl:versionInfo of an EU authority table."""
        for element in self.rdf(relative).iter("{%s}versionInfo" % NS["owl"]):
            if element.text and element.text.strip():
                return element.text.strip()
        return "unknown version"

    def source_line(self, relative, what):
        """One header line: the file, what it gave, and where it came from (MANIFEST.tsv)."""
        origin = self.manifest.get(relative, ("not in MANIFEST.tsv", ""))[0]
        return "//   %s: %s\n//       from %s" % (relative, what, origin)


def concepts(root):
    return list(root.iter("{%s}Concept" % NS["skos"]))


def labels(concept, tag, lang=None):
    found = []
    for element in concept.findall("skos:" + tag, NS):
        if lang is None or element.get(XML_LANG) == lang:
            if element.text and element.text.strip():
                found.append((element.get(XML_LANG), element.text.strip()))
    return found


def code_of(uri):
    return uri.rstrip("/").rsplit("/", 1)[1]


def membership(vocab, relative, scheme):
    """The codes of a reduced ('membership-only') EU table."""
    codes = set()
    for description in vocab.rdf(relative).iter("{%s}Description" % NS["rdf"]):
        about = description.get(RDF_ABOUT) or ""
        if about.startswith(EU + scheme + "/"):
            codes.add(code_of(about))
    return codes


def debian_mime_types(vocab):
    """extension -> media type, first entry wins (Debian mime.types)."""
    by_extension = {}
    with open(vocab.path("media-types/debian-mime.types"), encoding="utf-8") as handle:
        for line in handle:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            parts = line.split()
            for extension in parts[1:]:
                by_extension.setdefault(extension.lower(), parts[0].lower())
    return by_extension


# ---------------------------------------------------------------------------------------------------------------
# Folding (mirrored in Swift)
# ---------------------------------------------------------------------------------------------------------------

def fold_name(text):
    """FormatRule.foldName: lower case, runs of white space as one space, trimmed."""
    return " ".join(text.lower().split())


def fold_words(text):
    """FrequencyRule.fold: camelCase split, lower case, '_' '-' '.' ',' as spaces, single spaces, trimmed."""
    out = []
    previous = ""
    for character in text.strip():
        if character.isupper() and previous.islower():
            out.append(" ")
        out.append(" " if character in "_-.," else character)
        previous = character
    return " ".join("".join(out).lower().split())


def fold_theme(text):
    """ThemeRule.fold: lower case, '&' as ' and ', runs of white space as one space, trimmed."""
    return " ".join(text.lower().replace("&", " and ").split())


# ---------------------------------------------------------------------------------------------------------------
# Swift output helpers
# ---------------------------------------------------------------------------------------------------------------

def swift_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def swift_optional(text):
    return "nil" if text is None else swift_string(text)


def header(title, source_lines, notes):
    lines = [
        "// GENERATED by scripts/vocab/vocab.py -- do not edit by hand: change the script and run",
        "// `python3 scripts/vocab/vocab.py` from the project root.",
        "//",
        "// " + title,
        "// Sources (shared/vocab; see its README.md and MANIFEST.tsv):",
    ]
    lines += source_lines
    if notes:
        lines.append("//")
        lines += ["// " + note for note in notes]
    return "\n".join(lines) + "\n\n"


def dictionary(name, doc, key_type, value_type, items, per_line=1, indent="    "):
    """A `static let name: [K: V] = [...]` with items (key literal, value literal) sorted by key."""
    lines = ["%s/// %s" % (indent, doc), "%sstatic let %s: [%s: %s] = [" % (indent, name, key_type, value_type)]
    if not items:
        lines[-1] = "%sstatic let %s: [%s: %s] = [:]" % (indent, name, key_type, value_type)
        return "\n".join(lines) + "\n"
    entries = ["%s: %s," % (k, v) for k, v in items]
    for start in range(0, len(entries), per_line):
        lines.append(indent + "    " + " ".join(entries[start:start + per_line]))
    lines.append(indent + "]")
    return "\n".join(lines) + "\n"


def string_set(name, doc, values, per_line=12, indent="    "):
    lines = ["%s/// %s" % (indent, doc), "%sstatic let %s: Set<String> = [" % (indent, name)]
    values = sorted(values)
    for start in range(0, len(values), per_line):
        lines.append(indent + "    " + ", ".join(swift_string(v) for v in values[start:start + per_line]) + ",")
    lines.append(indent + "]")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------------------------
# FORMATS
# ---------------------------------------------------------------------------------------------------------------

# The EU file types portals use, in priority order (an alias claimed by two codes goes to the earlier one).
PORTAL_FILE_TYPES = """
CSV TSV XLSX XLS XLSM XLSB ODS JSON GEOJSON JSON_LD XML RDF_XML RDF_TURTLE RDF_N_TRIPLES RDF_N_QUADS RDF_TRIG N3 RDF
OWL SKOS_XML SPARQLQ SPARQLQRES SCHEMA_XML XSLT HTML XHTML TXT MARKDOWN PDF DOC DOCX ODT RTF PPT PPTX ODP EPUB
ZIP GZIP BZIP2 XZ TAR TAR_GZ TAR_XZ RAR 7Z SHP KML KMZ GML GMZ GPKG GDB GPX DXF DWG DGN E00 MXD QGS TAB MIF_MID ECW
TIFF GEOTIFF JPEG JPEG2000 PNG GIF SVG BMP WEBP LAS LAZ GRID GRID_ASCII WORLD NETCDF HDF PARQUET ARROW_FILE SDMX
RSS ATOM ICS SQL MDB DBF SPSS_SAV STATA_DTA SAS RDATA MATLAB_MAT ARFF YAML GTFS WMS_SRVC WFS_SRVC WMTS_SRVC WCS_SRVC
REST MAP_SRVC OCTET BIN EXE MP3 WAV MPEG4 MOV
""".split()

# Codes of the current list that the 2018 labelled table lacks (or describes badly): label, extensions, media type.
# Media types are IANA-registered ones, else the Debian mime.types one, else none.
CURATED_FILE_TYPES = {
    "XLSM": ("Excel XLSM", [".xlsm"], "application/vnd.ms-excel.sheet.macroEnabled.12"),
    "XLSB": ("Excel XLSB", [".xlsb"], "application/vnd.ms-excel.sheet.binary.macroEnabled.12"),
    "MARKDOWN": ("Markdown", [".md", ".markdown"], "text/markdown"),
    "ODP": ("ODP", [".odp"], "application/vnd.oasis.opendocument.presentation"),
    "BZIP2": ("BZIP2", [".bz2"], "application/x-bzip2"),
    "XZ": ("XZ", [".xz"], "application/x-xz"),
    "7Z": ("7z", [".7z"], "application/x-7z-compressed"),
    "GPKG": ("GeoPackage", [".gpkg"], "application/geopackage+sqlite3"),
    "GPX": ("GPX", [".gpx"], "application/gpx+xml"),
    "DXF": ("AutoCAD DXF", [".dxf"], "image/vnd.dxf"),
    "DWG": ("AutoCAD DWG", [".dwg"], "image/vnd.dwg"),
    "DGN": ("MicroStation DGN", [".dgn"], None),
    "MIF_MID": ("MapInfo MIF/MID", [".mif"], None),
    "GEOTIFF": ("GeoTIFF", [], "image/tiff"),
    "WEBP": ("WebP", [".webp"], "image/webp"),
    "PARQUET": ("Apache Parquet", [".parquet"], "application/vnd.apache.parquet"),
    "ARROW_FILE": ("Apache Arrow file", [".arrow"], "application/vnd.apache.arrow.file"),
    "SPSS_SAV": ("SPSS data file", [".sav"], None),
    "STATA_DTA": ("Stata data file", [".dta"], None),
    "SAS": ("SAS data file", [".sas7bdat"], None),
    "RDATA": ("R data file", [".rdata", ".rda", ".rds"], None),
    "MATLAB_MAT": ("MATLAB MAT file", [".mat"], None),
    "ARFF": ("ARFF", [".arff"], None),
    "YAML": ("YAML", [".yaml", ".yml"], "application/yaml"),
    "GTFS": ("GTFS", [], None),
    "WMTS_SRVC": ("WMTS", [], None),
    "WCS_SRVC": ("WCS", [], None),
    "MP3": ("MP3", [".mp3"], "audio/mpeg"),
    "WAV": ("WAV", [".wav"], None),
    "MOV": ("QuickTime", [".mov"], "video/quicktime"),
    "MPEG4": ("MPEG-4", [".mp4"], "video/mp4"),
}

# Preferred media type per code when the 2018 table gives none, a parameterised one or an unregistered one.
CURATED_MEDIA_TYPES = {
    "JSON": "application/json", "GEOJSON": "application/geo+json", "JSON_LD": "application/ld+json",
    "KML": "application/vnd.google-earth.kml+xml", "KMZ": "application/vnd.google-earth.kmz",
    "GML": "application/gml+xml", "RDF_TURTLE": "text/turtle", "RDF_N_TRIPLES": "application/n-triples",
    "RDF_N_QUADS": "application/n-quads", "RDF_TRIG": "application/trig", "N3": "text/n3", "RDF": "application/rdf+xml",
    "OWL": "application/rdf+xml", "SKOS_XML": "application/rdf+xml", "TSV": "text/tab-separated-values",
    "DOCX": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "GZIP": "application/gzip", "TAR_GZ": "application/gzip", "TAR_XZ": "application/x-xz", "PDF": "application/pdf",
    "RSS": "application/rss+xml", "ATOM": "application/atom+xml", "RAR": "application/vnd.rar",
    "ODS": "application/vnd.oasis.opendocument.spreadsheet", "SVG": "image/svg+xml", "JPEG2000": "image/jp2",
    "ICS": "text/calendar", "SQL": "application/sql", "LAS": "application/vnd.las", "LAZ": "application/vnd.laszip",
    "DBF": "application/vnd.dbf", "SCHEMA_XML": "application/xml", "XML": "application/xml",
    "OCTET": "application/octet-stream", "BIN": "application/octet-stream",
}
# Codes that never get a media type (a zipped shapefile or geodatabase is served as a ZIP, a service has none).
NO_MEDIA_TYPE = {"SHP", "GDB", "TAB", "GRID", "WORLD", "SDMX", "MDB", "E00", "MXD", "EXE", "GTFS",
                 "WMS_SRVC", "WFS_SRVC", "WMTS_SRVC", "WCS_SRVC", "REST", "MAP_SRVC"}

# Extensions two codes claim, given to one; None: too ambiguous to use.
EXTENSION_OWNERS = {
    "xml": "XML", "json": "JSON", "rdf": "RDF_XML", "zip": "ZIP", "pdf": "PDF", "html": "HTML", "htm": "HTML",
    "tif": "TIFF", "tiff": "TIFF", "dbf": "DBF", "shp": "SHP", "shx": "SHP", "gz": "GZIP", "jpg": "JPEG",
    "jpeg": "JPEG", "txt": "TXT", "tab": None, "img": None, "iso": None, "dtd": None, "asc": None, "mpeg": None,
    "mpg": None, "edi": None, "zoo": None, "bm": None, "rev": None, "dib": None, "owx": "OWL", "rss": "RSS", "atom": "ATOM", "gml": "GML",
}

# Format names (folded) read as a code, on top of each code, its English labels and extensions.
FORMAT_NAMES = {
    "shapefile": "SHP", "shape": "SHP", "shape file": "SHP", "esri shapefile": "SHP", "esri shape file": "SHP",
    "comma separated values": "CSV", "comma-separated values": "CSV", "csv text": "CSV",
    "tab separated values": "TSV", "tab-separated values": "TSV",
    "geo json": "GEOJSON", "geo-json": "GEOJSON", "json-ld": "JSON_LD", "jsonld": "JSON_LD",
    "xslx": "XLSX", "excel xlsx": "XLSX", "ms excel xlsx": "XLSX", "xlsx excel": "XLSX", "excel xls": "XLS",
    "text": "TXT", "ascii": "TXT",
    "turtle": "RDF_TURTLE", "ttl": "RDF_TURTLE", "rdf/xml": "RDF_XML", "rdf+xml": "RDF_XML", "rdf-xml": "RDF_XML",
    "n-triples": "RDF_N_TRIPLES", "ntriples": "RDF_N_TRIPLES", "n-quads": "RDF_N_QUADS", "nquads": "RDF_N_QUADS",
    "trig": "RDF_TRIG", "sparql": "SPARQLQ",
    "geopackage": "GPKG", "geo package": "GPKG", "file geodatabase": "GDB", "fgdb": "GDB", "geodatabase": "GDB",
    "esri geodatabase": "GDB", "geotiff": "GEOTIFF", "geo tiff": "GEOTIFF", "geotif": "GEOTIFF",
    "jp2": "JPEG2000", "jpeg 2000": "JPEG2000", "hdf5": "HDF", "hdf4": "HDF", "netcdf4": "NETCDF", "netcdf-4": "NETCDF",
    "esri rest": "REST", "esri rest api": "REST", "arcgis rest": "REST", "arcgis rest api": "REST",
    "arcgis geoservices rest api": "REST", "arcgis server": "REST", "arcgis geoservice": "REST",
    "geoservice": "REST", "feature service": "REST", "esri feature service": "REST",
    "arcgis map service": "MAP_SRVC", "esri map service": "MAP_SRVC",
    "wms": "WMS_SRVC", "ogc wms": "WMS_SRVC", "wms service": "WMS_SRVC", "web map service": "WMS_SRVC",
    "wfs": "WFS_SRVC", "ogc wfs": "WFS_SRVC", "wfs service": "WFS_SRVC", "web feature service": "WFS_SRVC",
    "wmts": "WMTS_SRVC", "ogc wmts": "WMTS_SRVC", "web map tile service": "WMTS_SRVC",
    "wcs": "WCS_SRVC", "ogc wcs": "WCS_SRVC", "web coverage service": "WCS_SRVC",
    "gtfs": "GTFS", "gtfs static": "GTFS", "gtfs schedule": "GTFS",
    "parquet": "PARQUET", "geoparquet": "PARQUET", "apache parquet": "PARQUET", "arrow": "ARROW_FILE",
    "yaml": "YAML", "yml": "YAML", "markdown": "MARKDOWN", "md": "MARKDOWN",
    "spss": "SPSS_SAV", "sav": "SPSS_SAV", "stata": "STATA_DTA", "dta": "STATA_DTA", "sas": "SAS",
    "sas7bdat": "SAS", "rdata": "RDATA", "rda": "RDATA", "rds": "RDATA", "matlab": "MATLAB_MAT",
    "ms access": "MDB", "microsoft access": "MDB", "access database": "MDB", "dbase": "DBF",
    "rss+xml": "RSS", "georss": "RSS", "atom+xml": "ATOM", "tgz": "TAR_GZ", "tar.gz": "TAR_GZ", "tar gz": "TAR_GZ",
    "7zip": "7Z", "7-zip": "7Z", "bz2": "BZIP2", "gzip": "GZIP", "gz": "GZIP",
    "ical": "ICS", "icalendar": "ICS", "ics": "ICS", "kml/kmz": None, "mapinfo": "TAB", "mapinfo tab": "TAB",
    "mif": "MIF_MID", "mapinfo mif": "MIF_MID", "autocad": "DWG", "dwg": "DWG", "dxf": "DXF",
    "ecw": "ECW", "las": "LAS", "laz": "LAZ", "lidar las": "LAS", "ods": "ODS", "odt": "ODT", "odp": "ODP",
    "jpg": "JPEG", "tif": "TIFF", "htm": "HTML", "xhtml": "XHTML", "ascii grid": "GRID_ASCII",
    "esri ascii grid": "GRID_ASCII", "arcinfo grid": "GRID", "binary": "BIN", "octet-stream": "OCTET",
    "mp4": "MPEG4", "sqlite": None, "pdf/a": "PDF",
}

# Names that say the family but not the version: used only when the media type and the URL say nothing better.
FORMAT_WEAK_NAMES = {
    "excel": "XLS", "ms excel": "XLS", "microsoft excel": "XLS", "spreadsheet": "XLS",
    "word": "DOC", "ms word": "DOC", "microsoft word": "DOC",
    "powerpoint": "PPT", "ms powerpoint": "PPT",
    "web page": "HTML", "webpage": "HTML", "website": "HTML", "web site": "HTML", "website link": "HTML",
    "html page": "HTML", "web": "HTML", "page web": "HTML", "site web": "HTML", "webseite": "HTML",
    "image": None, "kml/kmz": "KML",
}

# Format names that are recognised but name no file: APIs, services, viewers and links (no file type, no issue).
NON_FILE_FORMATS = {
    "api", "apis", "rest", "rest api", "restful api", "json api", "xml api", "api/tool", "web api", "open api",
    "openapi", "swagger", "odata", "sparql endpoint", "ogc api", "ogc api features", "ogc api - features",
    "oaf", "wps", "csw", "sos", "ogc sos", "ogc csw", "ogc wps", "web service", "webservice", "service",
    "web services", "esri", "arcgis", "arcgis online", "arcgis hub", "hub page",
    "interactive on-screen", "interactive on-line", "interactive online", "on-screen text", "map viewer",
    "web map", "web map application", "web application", "web app", "app", "application", "dashboard", "widget",
    "tool", "uri", "url", "www", "link", "links", "hyperlink", "landing page", "video", "gtfs-rt", "gtfs rt",
    "gtfs realtime", "gtfs-realtime", "siri", "datex ii", "datex", "socrata", "ckan", "query tool", "search",
}

# Media types published with a wrong name, read as the registered one.
MEDIA_TYPE_ALIASES = {
    "application/csv": "text/csv", "text/comma-separated-values": "text/csv", "type/csv": "text/csv",
    "text/x-csv": "text/csv", "application/x-csv": "text/csv", "text/x-comma-separated-values": "text/csv",
    "text/tsv": "text/tab-separated-values", "application/xls": "application/vnd.ms-excel",
    "application/excel": "application/vnd.ms-excel", "application/x-excel": "application/vnd.ms-excel",
    "application/x-msexcel": "application/vnd.ms-excel", "application/ms-excel": "application/vnd.ms-excel",
    "application/xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/x-zip-compressed": "application/zip", "application/x-zip": "application/zip",
    "application/zip-compressed": "application/zip", "application/x-gzip": "application/gzip",
    "application/vnd.geo+json": "application/geo+json", "application/x-geojson": "application/geo+json",
    "application/geojson": "application/geo+json", "text/json": "application/json",
    "application/x-json": "application/json", "text/x-json": "application/json", "application/x-pdf": "application/pdf",
    "application/x-turtle": "text/turtle", "application/turtle": "text/turtle", "application/kml+xml":
    "application/vnd.google-earth.kml+xml", "application/vnd.google-earth.kml": "application/vnd.google-earth.kml+xml",
    "text/x-markdown": "text/markdown", "application/x-yaml": "application/yaml", "text/yaml": "application/yaml",
    "text/x-yaml": "application/yaml", "application/msword": "application/msword", "application/doc": "application/msword",
    "application/x-rar-compressed": "application/vnd.rar", "application/x-rar": "application/vnd.rar",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml":
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/x-netcdf4": "application/x-netcdf", "application/netcdf": "application/x-netcdf",
    "image/jpg": "image/jpeg", "image/tif": "image/tiff",
}
# Media types that say nothing: dropped from the distribution.
EMPTY_MEDIA_TYPES = {"application/unknown", "unknown/unknown", "application/x-unknown", "none/none", "text/unknown"}
# Media types read as a file type, on top of the EU mapping and each code's own media type.
MEDIA_TYPE_CODES = {
    "application/x-stata": "STATA_DTA", "application/x-stata-dta": "STATA_DTA", "application/spss": "SPSS_SAV",
    "application/x-spss": "SPSS_SAV", "application/x-spss-sav": "SPSS_SAV", "text/arff": "ARFF",
    "application/x-shapefile": "SHP", "application/x-esri-shape": "SHP", "application/vnd.shp": "SHP",
    "application/x-raster-ecw": "ECW", "application/vnd.ogc.wms_xml": "WMS_SRVC", "application/vnd.ogc.wfs_xml":
    "WFS_SRVC", "text/xml": "XML", "application/xml": "XML", "application/json": "JSON",
    "application/x-netcdf": "NETCDF", "application/x-hdf5": "HDF", "application/x-sas-data": "SAS",
    "application/x-7z-compressed": "7Z", "application/vnd.ms-access": "MDB", "application/x-msaccess": "MDB",
    "application/msaccess": "MDB", "application/vnd.sqlite3": None, "application/rdf+xml": "RDF_XML",
    "text/plain": "TXT", "text/html": "HTML", "application/vnd.ms-powerpoint": "PPT",
    "application/vnd.api+json": "JSON", "application/x-ndjson": "JSON", "application/gpx+xml": "GPX",
}
# Media types that say 'some bytes': read as a file type only when nothing better is known.
WEAK_MEDIA_TYPES = {"application/octet-stream", "binary/octet-stream", "application/binary",
                    "application/x-download", "application/force-download", "application/download"}
# Media types that name a protocol, not a file (no file type, no issue).
NON_FILE_MEDIA_TYPES = {"application/http", "message/http", "text/uri-list", "application/x-www-form-urlencoded"}


def generate_formats(vocab):
    current = membership(vocab, "eu-authority-tables/membership-only/file-type.rdf", "file-type")
    current_version = vocab.version_info("eu-authority-tables/membership-only/file-type.rdf")
    labelled_version = vocab.version_info("eu-authority-tables/filetypes-skos.rdf")
    iana = set(v.lower() for v in vocab.json("media-types/iana_media_types.json")["values"])
    debian = debian_mime_types(vocab)

    table = {}  # code -> dict(label, alt, extensions, mimes)
    for concept in concepts(vocab.rdf("eu-authority-tables/filetypes-skos.rdf")):
        about = concept.get(RDF_ABOUT) or ""
        if not about.startswith(EU + "file-type/"):
            continue
        code = code_of(about)
        extensions, mimes = [], []
        for mapped in concept.findall("at:op-mapped-code/at:MappedCode", NS):
            source = mapped.findtext("dc:source", default="", namespaces=NS)
            value = mapped.findtext("at:legacy-code", default="", namespaces=NS).strip()
            if source == "file-extension":
                for extension in value.split():
                    extensions.append(extension.lstrip(".").lower())
            elif source == "mime-type-cellar":
                mimes.append(value.split(";")[0].strip().lower())
        table[code] = {
            "label": (labels(concept, "prefLabel", "en") or [(None, code)])[0][1],
            "alt": [text for _, text in labels(concept, "altLabel", "en")],
            "extensions": extensions,
            "mimes": mimes,
            "deprecated": concept.get("{%s}deprecated" % NS["at"]) == "true",
        }
    for code, (label, extensions, mime) in CURATED_FILE_TYPES.items():
        entry = table.setdefault(code, {"alt": [], "mimes": [], "deprecated": False})
        entry["label"] = entry.get("label") or label
        entry["extensions"] = [e.lstrip(".") for e in extensions]
        if mime:
            entry["mimes"] = [mime.lower()] + entry.get("mimes", [])
            CURATED_MEDIA_TYPES.setdefault(code, mime)

    for code in PORTAL_FILE_TYPES:
        if code not in current:
            raise SystemExit("file type %s is not in the current EU list %s" % (code, current_version))
        if code not in table:
            raise SystemExit("file type %s has neither a 2018 entry nor a curated one" % code)

    # Preferred media type per code.
    preferred = {}
    for code in PORTAL_FILE_TYPES:
        if code in NO_MEDIA_TYPE:
            continue
        entry = table[code]
        mime = CURATED_MEDIA_TYPES.get(code)
        if mime is None and entry["mimes"]:
            mime = entry["mimes"][0]
        if mime is None:
            for extension in entry["extensions"]:
                if extension in debian:
                    mime = debian[extension]
                    break
        if mime:
            mime = mime.lower()  # media type names are case-insensitive; fedcat keeps them in lower case
            preferred[code] = mime
            if mime.lower() not in iana:
                warn("media type %s (%s) is not IANA-registered; kept as the de-facto name" % (mime, code))

    # Names (strong): codes, then curated names, then English labels. Earlier claims win.
    names, weak, extensions_table, collisions = {}, {}, {}, []

    def claim(target, key, code):
        if not key or code is None:
            return
        if key in target and target[key] != code:
            collisions.append("%s: %s kept over %s" % (key, target[key], code))
            return
        target.setdefault(key, code)

    for code in PORTAL_FILE_TYPES:
        claim(names, fold_name(code), code)
        claim(names, fold_name(code.replace("_", " ")), code)
    for key, code in FORMAT_NAMES.items():
        if code is not None:
            names[fold_name(key)] = code
    for code in PORTAL_FILE_TYPES:
        entry = table[code]
        for label in [entry["label"]] + entry["alt"]:
            key = fold_name(label)
            if key in FORMAT_WEAK_NAMES or key in NON_FILE_FORMATS:
                continue
            claim(names, key, code)
    for key, code in FORMAT_WEAK_NAMES.items():
        if code is not None:
            weak[fold_name(key)] = code
            names.pop(fold_name(key), None)
    for key in [k for k, v in FORMAT_NAMES.items() if v is None] + list(NON_FILE_FORMATS):
        names.pop(fold_name(key), None)

    for code in PORTAL_FILE_TYPES:
        for extension in table[code]["extensions"]:
            if extension in EXTENSION_OWNERS:
                owner = EXTENSION_OWNERS[extension]
                if owner is not None:
                    extensions_table[extension] = owner
                continue
            claim(extensions_table, extension, code)

    # Media types -> codes.
    media = {}
    for code in PORTAL_FILE_TYPES:
        if code in preferred:
            claim(media, preferred[code].lower(), code)
    for code in PORTAL_FILE_TYPES:
        for mime in table[code]["mimes"]:
            claim(media, mime.lower(), code)
    for mime, code in MEDIA_TYPE_CODES.items():
        if code is None:
            media.pop(mime, None)
        else:
            media[mime] = code
    weak_media = {mime: media.get(mime, "OCTET") for mime in WEAK_MEDIA_TYPES}
    for mime in WEAK_MEDIA_TYPES:
        media.pop(mime, None)
    for alias, target in MEDIA_TYPE_ALIASES.items():
        if alias != alias.lower() or target != target.lower():
            raise SystemExit("media type aliases are written in lower case: " + alias)

    for line in collisions:
        warn("format alias collision: " + line)

    labels_out = [(swift_string(code), "(label: %s, mediaType: %s)" % (swift_string(table[code]["label"]),
                                                                      swift_optional(preferred.get(code))))
                  for code in sorted(PORTAL_FILE_TYPES)]
    sources = [
        vocab.source_line("eu-authority-tables/filetypes-skos.rdf",
                          "EU File type table %s: labels, file extensions, MIME types" % labelled_version),
        vocab.source_line("eu-authority-tables/membership-only/file-type.rdf",
                          "EU File type table %s (current codes, %d)" % (current_version, len(current))),
        vocab.source_line("media-types/debian-mime.types", "extension -> media type where the EU table has none"),
        vocab.source_line("media-types/iana_media_types.json",
                          "registered media type names (to check the ones written here; %d names)" % len(iana)),
    ]
    notes = [
        "Curated in vocab.py: PORTAL_FILE_TYPES (the %d codes kept), CURATED_FILE_TYPES, CURATED_MEDIA_TYPES," % len(PORTAL_FILE_TYPES),
        "EXTENSION_OWNERS, FORMAT_NAMES, FORMAT_WEAK_NAMES, NON_FILE_FORMATS, MEDIA_TYPE_ALIASES, MEDIA_TYPE_CODES.",
        "Keys of `names`, `weakNames` and `nonFile` are folded by FormatRule.foldName (lower case, single spaces).",
    ]
    out = header("Format tables: EU file types with their media types, and the names portals give them.", sources, notes)
    out += "enum FormatTable {\n"
    out += "    /// The EU file-type table version the codes were checked against.\n"
    out += "    static let euVersion = %s\n\n" % swift_string(current_version)
    out += dictionary("fileTypes", "EU file-type code -> English label and preferred IANA media type (nil: none fits).",
                      "String", "(label: String, mediaType: String?)", labels_out) + "\n"
    out += string_set("euCodes", "Every code of the current EU file-type list (to check published EU file-type URIs).",
                      current) + "\n"
    out += dictionary("names", "Folded format name -> EU file-type code (codes, English labels, common names).",
                      "String", "String", [(swift_string(k), swift_string(v)) for k, v in sorted(names.items())],
                      per_line=3) + "\n"
    out += dictionary("weakNames", "Folded name that gives the family only (`excel`): used when nothing better is known.",
                      "String", "String", [(swift_string(k), swift_string(v)) for k, v in sorted(weak.items())],
                      per_line=3) + "\n"
    out += string_set("nonFile", "Folded names of APIs, services, viewers and links: recognised, no file type.",
                      {fold_name(n) for n in NON_FILE_FORMATS}, per_line=8) + "\n"
    out += dictionary("extensions", "File extension (lower case, no dot) -> EU file-type code.", "String", "String",
                      [(swift_string(k), swift_string(v)) for k, v in sorted(extensions_table.items())],
                      per_line=4) + "\n"
    out += dictionary("mediaTypes", "Media type (lower case, no parameters) -> EU file-type code.", "String", "String",
                      [(swift_string(k), swift_string(v)) for k, v in sorted(media.items())], per_line=1) + "\n"
    out += dictionary("weakMediaTypes", "Media types that only say 'bytes' -> code, used when nothing better is known.",
                      "String", "String", [(swift_string(k), swift_string(v)) for k, v in sorted(weak_media.items())],
                      per_line=2) + "\n"
    out += dictionary("mediaTypeAliases", "Wrongly named media type (lower case) -> the registered name.",
                      "String", "String",
                      [(swift_string(k), swift_string(v)) for k, v in sorted(MEDIA_TYPE_ALIASES.items()) if k != v]) + "\n"
    out += string_set("emptyMediaTypes", "Media types that say nothing: dropped.", EMPTY_MEDIA_TYPES, per_line=5) + "\n"
    out += string_set("nonFileMediaTypes", "Media types of protocols, not files: recognised, no file type.",
                      NON_FILE_MEDIA_TYPES, per_line=4)
    out += "}\n"
    stats = "formats: %d file types, %d EU codes, %d names, %d weak names, %d non-file names, %d extensions, " \
            "%d media types, %d aliases" % (len(PORTAL_FILE_TYPES), len(current), len(names), len(weak),
                                           len(NON_FILE_FORMATS), len(extensions_table), len(media),
                                           len(MEDIA_TYPE_ALIASES))
    return out, stats


# ---------------------------------------------------------------------------------------------------------------
# LANGUAGES
# ---------------------------------------------------------------------------------------------------------------

# Names in the language itself (and common ASCII spellings), for the EU languages and a few more.
CURATED_LANGUAGE_NAMES = {
    "français": "fr", "francais": "fr", "française": "fr", "deutsch": "de", "español": "es", "espanol": "es",
    "castellano": "es", "italiano": "it", "nederlands": "nl", "vlaams": "nl", "português": "pt", "portugues": "pt",
    "polski": "pl", "svenska": "sv", "dansk": "da", "suomi": "fi", "čeština": "cs", "cestina": "cs", "česky": "cs",
    "slovenčina": "sk", "slovenský": "sk", "slovenščina": "sl", "slovenski": "sl", "magyar": "hu", "română": "ro",
    "romana": "ro", "ελληνικά": "el", "greek": "el", "modern greek": "el", "български": "bg", "hrvatski": "hr",
    "eesti": "et", "latviešu": "lv", "lietuvių": "lt", "malti": "mt", "gaeilge": "ga", "norsk": "no",
    "norsk bokmål": "nb", "bokmål": "nb", "nynorsk": "nn", "català": "ca", "catala": "ca", "euskara": "eu",
    "galego": "gl", "íslenska": "is", "русский": "ru", "українська": "uk", "farsi": "fa", "filipino": "tl",
    "english (us)": "en", "english (uk)": "en", "american english": "en", "british english": "en",
    "anglais": "en", "englisch": "en", "inglés": "en", "ingles": "en", "allemand": "de", "französisch": "fr",
    "espagnol": "es", "spanisch": "es",
}
# Codes seen in place of a 639-1 code: withdrawn 639-1 codes and a common mistake ('sp' for Spanish).
CURATED_LANGUAGE_CODES = {"iw": "he", "in": "id", "ji": "yi", "jw": "jv", "mo": "ro", "sh": "sr", "sp": "es"}


def generate_languages(vocab):
    part2 = vocab.json("iso-codes/iso_639-2.json")["639-2"]
    part3 = vocab.json("iso-codes/iso_639-3.json")["639-3"]
    datagov = set(vocab.json("us/datagov-harvester/iso639_1_language_codes.json")["values"])

    by_alpha2, alpha3, names, others, conflicts = {}, {}, {}, set(), []

    def add_name(name, code):
        key = fold_name(name)
        if not key:
            return
        if key in names and names[key] != code:
            conflicts.append("%s: %s / %s" % (key, names[key], code))
            names[key] = None
            return
        names.setdefault(key, code)

    for entry in part2:
        t = entry["alpha_3"]
        b = entry.get("bibliographic")
        if "alpha_2" not in entry:
            if "-" not in t:  # qaa-qtz is a range, not a code
                others.add(t)
            continue
        a2 = entry["alpha_2"]
        by_alpha2[a2] = (t, b, entry["name"].split(";")[0].strip())
        alpha3[t] = a2
        if b:
            alpha3[b] = a2
        for name in entry["name"].split(";"):
            add_name(name, a2)
            add_name(re.sub(r"\s*\(.*\)$", "", name), a2)
    for entry in part3:
        a2 = entry.get("alpha_2")
        if a2 and a2 in by_alpha2:
            for field in ("name", "common_name", "inverted_name"):
                if field in entry:
                    add_name(entry[field], a2)
                    add_name(re.sub(r"\s*\(.*\)$", "", entry[field]), a2)
    for name, code in CURATED_LANGUAGE_NAMES.items():
        names[fold_name(name)] = code
    names = {k: v for k, v in names.items() if v is not None}
    for line in conflicts:
        warn("language name claimed by two codes, dropped: " + line)
    missing = datagov - set(by_alpha2)
    if missing:
        warn("data.gov ISO 639-1 codes missing from iso-codes 639-2: %s" % sorted(missing))
    extra = set(by_alpha2) - datagov
    if extra:
        warn("iso-codes 639-1 codes not in the data.gov list: %s" % sorted(extra))

    sources = [
        vocab.source_line("iso-codes/iso_639-2.json", "ISO 639-2 codes (T and B) with their 639-1 codes and English names"),
        vocab.source_line("iso-codes/iso_639-3.json", "ISO 639-3 names and common names of the same languages"),
        vocab.source_line("us/datagov-harvester/iso639_1_language_codes.json",
                          "data.gov's ISO 639-1 list (cross-check only)"),
    ]
    notes = [
        "Only languages with a 639-1 code are described; other 639-2 codes are listed in `otherAlpha3` and kept as",
        "3-letter codes. Curated in vocab.py: CURATED_LANGUAGE_NAMES (endonyms), CURATED_LANGUAGE_CODES.",
        "Keys of `names` are folded by LanguageRule (lower case, single spaces).",
    ]
    out = header("Language tables: ISO 639-1 <-> 639-2/B <-> 639-2/T <-> English name.", sources, notes)
    out += "enum LanguageTable {\n"
    out += dictionary("alpha2", "ISO 639-1 code -> 639-2/T code, 639-2/B code when different, English name.",
                      "String", "(terminology: String, bibliographic: String?, name: String)",
                      [(swift_string(a2), "(%s, %s, %s)" % (swift_string(t), swift_optional(b), swift_string(n)))
                       for a2, (t, b, n) in sorted(by_alpha2.items())], per_line=2) + "\n"
    out += dictionary("alpha3", "ISO 639-2 code, terminology or bibliographic (lower case) -> ISO 639-1 code.",
                      "String", "String", [(swift_string(k), swift_string(v)) for k, v in sorted(alpha3.items())],
                      per_line=6) + "\n"
    out += dictionary("names", "Folded English (and curated native) language name -> ISO 639-1 code.",
                      "String", "String", [(swift_string(k), swift_string(v)) for k, v in sorted(names.items())],
                      per_line=3) + "\n"
    out += dictionary("codeAliases", "Withdrawn or mistaken two-letter codes -> the ISO 639-1 code meant.",
                      "String", "String",
                      [(swift_string(k), swift_string(v)) for k, v in sorted(CURATED_LANGUAGE_CODES.items())],
                      per_line=4) + "\n"
    out += string_set("otherAlpha3", "ISO 639-2 codes with no 639-1 code (`haw`, `mul`, `und`, `zxx`): kept as they are.",
                      others, per_line=16)
    out += "}\n"
    stats = "languages: %d with 639-1, %d 3-letter codes, %d names, %d other 639-2 codes" % (
        len(by_alpha2), len(alpha3), len(names), len(others))
    return out, stats


# ---------------------------------------------------------------------------------------------------------------
# THEMES
# ---------------------------------------------------------------------------------------------------------------

TOPIC_CATEGORIES = """farming biota boundaries climatologyMeteorologyAtmosphere economy elevation environment
geoscientificInformation health imageryBaseMapsEarthCover intelligenceMilitary inlandWaters location oceans
planningCadastre society structure transportation utilitiesCommunication""".split()
# Topic categories the INSPIRE chain leaves out or reaches only through skos:relatedMatch.
CURATED_TOPIC_THEMES = {"economy": ["ECON"]}

# INSPIRE theme English names (Directive 2007/2/EC annexes I-III), to read labels; the codes come from the mapping.
INSPIRE_THEME_NAMES = {
    "rs": "Coordinate reference systems", "gg": "Geographical grid systems", "gn": "Geographical names",
    "au": "Administrative units", "ad": "Addresses", "cp": "Cadastral parcels", "tn": "Transport networks",
    "hy": "Hydrography", "ps": "Protected sites", "el": "Elevation", "lc": "Land cover", "oi": "Orthoimagery",
    "ge": "Geology", "su": "Statistical units", "bu": "Buildings", "so": "Soil", "lu": "Land use",
    "hh": "Human health and safety", "us": "Utility and governmental services",
    "ef": "Environmental monitoring facilities", "pf": "Production and industrial facilities",
    "af": "Agricultural and aquaculture facilities", "pd": "Population distribution - demography",
    "am": "Area management/restriction/regulation zones and reporting units", "nz": "Natural risk zones",
    "ac": "Atmospheric conditions", "mf": "Meteorological geographical features",
    "of": "Oceanographic geographical features", "sr": "Sea regions", "br": "Bio-geographical regions",
    "hb": "Habitats and biotopes", "sd": "Species distribution", "er": "Energy resources", "mr": "Mineral resources",
}

# Group and category names (English; the EU labels in every language are added from the table) -> EU themes.
# Only names that clearly say one domain; a name of several parts ('Transport, travel and motoring') is also read
# part by part by ThemeRule.
CURATED_THEME_NAMES = {
    "AGRI": "agriculture; farming; fisheries; fishery; fishing; forestry; forests; food; aquaculture; "
            "food and agriculture; primary industries; primary industry; agrifood; livestock",
    "ECON": "economy; economics; economic; economic development; finance; finances; public finance; business; "
            "business and economy; budget; budgets; trade; commerce; industry; manufacturing; "
            "economy and finance; finance and economy; taxation; taxes",
    "EDUC": "education; culture; sport; sports; arts; arts and culture; heritage; cultural heritage; recreation; "
            "leisure; libraries; museums; schools; tourism and culture",
    "ENER": "energy; electricity; renewable energy; energy and utilities",
    "ENVI": "environment; environmental; climate; climate change; weather; biodiversity; nature; water; "
            "water quality; waste; recycling; waste and recycling; natural resources; pollution; air quality; "
            "ecology; natural environment; flooding; flood risk; natural hazards; conservation; "
            "climate and weather; meteorology",
    "GOVE": "government; public sector; government and public sector; administration; public administration; "
            "politics; elections; governance; local government; federal government; parliament; "
            "government and politics; open government",
    "HEAL": "health; healthcare; health care; public health; hospitals; medicine; health and wellbeing",
    "INTR": "international; international issues; international affairs; foreign affairs; "
            "international relations; international development",
    "JUST": "justice; public safety; safety; crime; crime and justice; law; law enforcement; legal; legal system; "
            "police; policing; emergency services; courts",
    "REGI": "regions and cities; regions; cities; urban planning; spatial planning; planning; town planning; "
            "regional development; urban development; cities and regions",
    "SOCI": "population and society; population; society; demographics; demography; social; social services; "
            "social care; welfare; housing; census; community services",
    "TECH": "science and technology; science; technology; research; information technology; telecommunications; "
            "telecommunication; telecommunications services; innovation; digital; ict; research and development; "
            "engineering",
    "TRAN": "transport; transportation; mobility; transport and mobility; traffic; public transport; "
            "public transportation; roads; parking; cycling; travel; aviation; railways; rail; "
            "transport networks; travel and transportation",
}


def generate_themes(vocab):
    root = vocab.rdf("eu-authority-tables/data-theme-skos.rdf")
    version = vocab.version_info("eu-authority-tables/data-theme-skos.rdf")
    english, label_table, conflicts = {}, {}, []
    for concept in concepts(root):
        about = concept.get(RDF_ABOUT) or ""
        code = code_of(about)
        if not about.startswith(EU + "data-theme/") or code == "OP_DATPRO":
            continue
        english[code] = labels(concept, "prefLabel", "en")[0][1]
        for _, label in labels(concept, "prefLabel"):
            key = fold_theme(label)
            if key in label_table and label_table[key] != [code]:
                conflicts.append(key)
            label_table[key] = [code]
    if len(english) != 13:
        raise SystemExit("expected 13 EU data themes, found %d" % len(english))

    def matches(relative):
        """subject URI -> [(kind, object URI)] of an alignment file."""
        result = {}
        for description in vocab.rdf(relative).iter("{%s}Description" % NS["rdf"]):
            about = description.get(RDF_ABOUT) or ""
            for child in description:
                kind = child.tag.split("}")[1]
                if kind.endswith("Match"):
                    result.setdefault(about, []).append((kind, child.get(RDF_RESOURCE)))
        return result

    inspire_to_eu = {}
    for subject, objects in matches("mappings/inspire-themes-to-mdr-data-themes.rdf").items():
        code = code_of(subject)
        inspire_to_eu[code] = sorted({code_of(o) for _, o in objects if o.startswith(EU + "data-theme/")})
    topic_to_eu = {}
    for subject, objects in matches("mappings/iso-topic-categories-to-inspire-themes.rdf").items():
        topic = code_of(subject)
        themes = set()
        for kind, target in objects:
            if kind == "relatedMatch":  # 'related' is too loose to add a theme
                continue
            themes.update(inspire_to_eu.get(code_of(target), []))
        if themes:
            topic_to_eu[topic] = sorted(themes)
    for topic, codes in CURATED_TOPIC_THEMES.items():
        topic_to_eu[topic] = codes
    unknown_topics = set(topic_to_eu) - set(TOPIC_CATEGORIES)
    if unknown_topics:
        raise SystemExit("unknown topic categories in the mapping: %s" % unknown_topics)

    for code, words in CURATED_THEME_NAMES.items():
        for word in words.split(";"):
            key = fold_theme(word)
            if not key:
                continue
            if key in label_table and code not in label_table[key]:
                conflicts.append(key)
                continue
            label_table[key] = [code]
    for inspire, name in INSPIRE_THEME_NAMES.items():
        key = fold_theme(name)
        codes = inspire_to_eu.get(inspire, [])
        if codes and key not in label_table:
            label_table[key] = codes
    for key in conflicts:
        warn("theme name claimed by two themes: " + key)

    def codes_literal(codes):
        return "[" + ", ".join(swift_string(c) for c in codes) + "]"

    sources = [
        vocab.source_line("eu-authority-tables/data-theme-skos.rdf",
                          "EU Data theme table %s: codes and labels in every EU language" % version),
        vocab.source_line("mappings/iso-topic-categories-to-inspire-themes.rdf",
                          "ISO 19115 topic category -> INSPIRE theme (exact/close/narrow/broad matches)"),
        vocab.source_line("mappings/inspire-themes-to-mdr-data-themes.rdf", "INSPIRE theme -> EU data theme"),
    ]
    notes = [
        "Topic category -> EU theme is the chain of the two mappings, skos:relatedMatch left out; curated in vocab.py:",
        "CURATED_TOPIC_THEMES (economy -> ECON, which the chain reaches only through relatedMatch), INSPIRE_THEME_NAMES",
        "(English names of the 34 INSPIRE themes), CURATED_THEME_NAMES (group and category names).",
        "Keys of `names` are folded by ThemeRule.fold (lower case, '&' as 'and', single spaces).",
    ]
    out = header("Theme tables: EU data themes and what leads to them.", sources, notes)
    out += "enum ThemeTable {\n"
    out += "    /// The EU data theme table version.\n    static let euVersion = %s\n\n" % swift_string(version)
    out += dictionary("labels", "EU data theme code -> English label.", "String", "String",
                      [(swift_string(k), swift_string(v)) for k, v in sorted(english.items())], per_line=1) + "\n"
    out += dictionary("topicCategories", "ISO 19115 topic category code -> EU data themes.", "String", "[String]",
                      [(swift_string(k), codes_literal(v)) for k, v in sorted(topic_to_eu.items())]) + "\n"
    out += dictionary("inspireThemes", "INSPIRE theme code (`hy`) -> EU data themes.", "String", "[String]",
                      [(swift_string(k), codes_literal(v)) for k, v in sorted(inspire_to_eu.items())], per_line=4) + "\n"
    out += dictionary("names", "Folded theme, group or category name -> EU data themes.", "String", "[String]",
                      [(swift_string(k), codes_literal(v)) for k, v in sorted(label_table.items())], per_line=2)
    out += "}\n"
    stats = "themes: %d EU themes, %d topic categories mapped (of %d), %d INSPIRE themes, %d names" % (
        len(english), len(topic_to_eu), len(TOPIC_CATEGORIES), len(inspire_to_eu), len(label_table))
    return out, stats


# ---------------------------------------------------------------------------------------------------------------
# FREQUENCIES
# ---------------------------------------------------------------------------------------------------------------

# English labels of the codes the labelled 2019 table lacks (from the current EU table's wording).
CURATED_FREQUENCY_LABELS = {
    "1MIN": "every minute", "5MIN": "every five minutes", "10MIN": "every ten minutes",
    "15MIN": "every fifteen minutes", "30MIN": "every thirty minutes", "12HRS": "every twelve hours",
    "AS_NEEDED": "as needed", "NOT_PLANNED": "not planned", "SEXENNIAL": "every six years",
    "WEEKLY_5": "five times a week",
}
FREQUENCY_LANGUAGES = ["en", "fr", "de", "es", "it", "nl", "pt"]
# Words portals use (folded by fold_words), on top of the EU labels in FREQUENCY_LANGUAGES.
CURATED_FREQUENCY_WORDS = {
    "ANNUAL": "annually; yearly; every year; once a year; per year; annual update; updated annually; year; 1 year",
    "ANNUAL_2": "semi-annual; semiannually; semi annually; biannual; biannually; twice a year; half-yearly; "
                "half yearly; every six months; every 6 months; semestrial",
    "ANNUAL_3": "three times a year; every four months; every 4 months",
    "QUARTERLY": "every quarter; every three months; every 3 months; quarter; trimestrial",
    "BIMONTHLY": "every two months; every 2 months; bi-monthly",
    "MONTHLY": "every month; once a month; month; per month",
    "MONTHLY_2": "twice a month; semi-monthly",
    "MONTHLY_3": "three times a month",
    "BIWEEKLY": "every two weeks; every 2 weeks; fortnightly; bi-weekly; every fortnight",
    "WEEKLY": "every week; once a week; week; per week",
    "WEEKLY_2": "twice a week; semi-weekly",
    "WEEKLY_3": "three times a week",
    "WEEKLY_5": "every weekday; weekdays",
    "DAILY": "every day; once a day; day; per day; nightly; everyday; each day",
    "DAILY_2": "twice a day; twice daily; semidaily; semi-daily",
    "12HRS": "every 12 hours; twelve-hourly",
    "HOURLY": "every hour; hour; per hour",
    "BIHOURLY": "every two hours; every 2 hours",
    "TRIHOURLY": "every three hours; every 3 hours",
    "1MIN": "every 1 minute; minutely",
    "5MIN": "every 5 minutes",
    "10MIN": "every 10 minutes",
    "15MIN": "every 15 minutes; quarter-hourly",
    "30MIN": "every 30 minutes; every half hour; half-hourly",
    "IRREG": "irregularly; infrequent; infrequently; sporadic; sporadically; occasional; occasionally; "
             "punctual; ponctuelle; ponctuel; irregolare",
    "AS_NEEDED": "as needed; as required; ad hoc; adhoc; ad-hoc; on demand; when needed; when required; "
                 "as necessary; on occurrence; on occurence; upon request; on request; au besoin; "
                 "selon les besoins; nach bedarf; bei bedarf",
    "CONT": "continuously; continual; continually",
    "UPDATE_CONT": "continuously updated; continually updated; real time; realtime; real-time; live; streaming; "
                   "en continu; temps réel; laufend; laufend aktualisiert; echtzeit",
    "NEVER": "never; no updates; not updated; none",
    "NOT_PLANNED": "not planned; no update planned; no updates planned; no further updates",
    "UNKNOWN": "unknown; not known",
    "OTHER": "other",
    "BIENNIAL": "biennially; every two years; every 2 years",
    "TRIENNIAL": "every three years; every 3 years",
    "QUADRENNIAL": "every four years; every 4 years",
    "QUINQUENNIAL": "every five years; every 5 years",
    "SEXENNIAL": "every 6 years",
    "DECENNIAL": "every ten years; every 10 years; decennially",
}
# ISO 8601 durations of repeating intervals (DCAT-US accrualPeriodicity, 'R/P1M') -> codes.
FREQUENCY_DURATIONS = {
    "PT1M": "1MIN", "PT5M": "5MIN", "PT10M": "10MIN", "PT15M": "15MIN", "PT30M": "30MIN",
    "PT1H": "HOURLY", "PT60M": "HOURLY", "PT2H": "BIHOURLY", "PT3H": "TRIHOURLY", "PT12H": "12HRS",
    "P0.5D": "DAILY_2", "P1D": "DAILY", "PT24H": "DAILY",
    "P0.33W": "WEEKLY_3", "P3.5D": "WEEKLY_2", "P0.5W": "WEEKLY_2", "P1W": "WEEKLY", "P7D": "WEEKLY",
    "P2W": "BIWEEKLY", "P14D": "BIWEEKLY", "P0.33M": "MONTHLY_3", "P10D": "MONTHLY_3", "P0.5M": "MONTHLY_2",
    "P1M": "MONTHLY", "P2M": "BIMONTHLY", "P3M": "QUARTERLY", "P4M": "ANNUAL_3", "P6M": "ANNUAL_2",
    "P0.5Y": "ANNUAL_2", "P1Y": "ANNUAL", "P12M": "ANNUAL", "P2Y": "BIENNIAL", "P3Y": "TRIENNIAL",
    "P4Y": "QUADRENNIAL", "P5Y": "QUINQUENNIAL", "P6Y": "SEXENNIAL", "P10Y": "DECENNIAL", "P20Y": "BIDECENNIAL",
    "P30Y": "TRIDECENNIAL", "PT1S": "UPDATE_CONT", "PT0S": "UPDATE_CONT",
}
# A bare number of days (HDX data_update_frequency: -2 as needed, -1 never, 0 live, 1 ... 365).
FREQUENCY_DAYS = {
    -2: "AS_NEEDED", -1: "NEVER", 0: "UPDATE_CONT", 1: "DAILY", 7: "WEEKLY", 14: "BIWEEKLY", 30: "MONTHLY",
    31: "MONTHLY", 60: "BIMONTHLY", 90: "QUARTERLY", 91: "QUARTERLY", 92: "QUARTERLY", 120: "ANNUAL_3",
    180: "ANNUAL_2", 182: "ANNUAL_2", 183: "ANNUAL_2", 365: "ANNUAL", 366: "ANNUAL", 730: "BIENNIAL",
    1095: "TRIENNIAL",
}


def generate_frequencies(vocab):
    root = vocab.rdf("eu-authority-tables/frequencies-skos.rdf")
    labelled_version = vocab.version_info("eu-authority-tables/frequencies-skos.rdf")
    current = membership(vocab, "eu-authority-tables/membership-only/frequency.rdf", "frequency")
    current_version = vocab.version_info("eu-authority-tables/membership-only/frequency.rdf")
    current.discard("OP_DATPRO")

    english, words, cld, conflicts = {}, {}, {}, []

    def add_word(word, code, curated=False):
        key = fold_words(word)
        if not key:
            return
        if key in words and words[key] != code:
            if curated:
                words[key] = code
            else:
                conflicts.append("%s: %s / %s" % (key, words[key], code))
                words[key] = None
            return
        words.setdefault(key, code)

    for concept in concepts(root):
        about = concept.get(RDF_ABOUT) or ""
        code = code_of(about)
        if not about.startswith(EU + "frequency/") or code == "OP_DATPRO":
            continue
        english[code] = labels(concept, "prefLabel", "en")[0][1]
        add_word(code, code)
        for tag in ("prefLabel", "altLabel"):
            for lang in FREQUENCY_LANGUAGES:
                for _, label in labels(concept, tag, lang):
                    add_word(label, code)
        for match in concept.findall("skos:exactMatch", NS):
            target = match.get(RDF_RESOURCE) or ""
            if target.startswith("http://purl.org/cld/freq/"):
                cld[target.rsplit("/", 1)[1]] = code
    for code, label in CURATED_FREQUENCY_LABELS.items():
        english.setdefault(code, label)
        add_word(code, code)
        add_word(label, code)
    missing = current - set(english)
    if missing:
        raise SystemExit("frequency codes without a label: %s" % sorted(missing))
    stale = set(english) - current
    if stale:
        warn("frequency codes of the 2019 table not in the current list (dropped): %s" % sorted(stale))
        for code in stale:
            english.pop(code)
    for code, text in CURATED_FREQUENCY_WORDS.items():
        for word in text.split(";"):
            add_word(word, code, curated=True)
    words = {k: v for k, v in words.items() if v is not None and v in english}
    for line in conflicts:
        warn("frequency word claimed by two codes, dropped unless curated: " + line)
    for table in (FREQUENCY_DURATIONS, FREQUENCY_DAYS):
        for code in table.values():
            if code not in english:
                raise SystemExit("unknown frequency code " + code)

    sources = [
        vocab.source_line("eu-authority-tables/frequencies-skos.rdf",
                          "EU Frequency table %s: labels (%s), purl.org/cld/freq matches"
                          % (labelled_version, " ".join(FREQUENCY_LANGUAGES))),
        vocab.source_line("eu-authority-tables/membership-only/frequency.rdf",
                          "EU Frequency table %s (current codes, %d)" % (current_version, len(current))),
    ]
    notes = [
        "Curated in vocab.py: CURATED_FREQUENCY_LABELS (English labels of the %d codes newer than 2019)," %
        len(CURATED_FREQUENCY_LABELS),
        "CURATED_FREQUENCY_WORDS, FREQUENCY_DURATIONS (ISO 8601, as DCAT-US uses them), FREQUENCY_DAYS (HDX).",
        "Keys of `words` are folded by FrequencyRule.fold (camelCase split, lower case, '_' '-' '.' ',' as spaces).",
    ]
    out = header("Frequency tables: EU frequencies and what leads to them.", sources, notes)
    out += "enum FrequencyTable {\n"
    out += "    /// The EU frequency table version the codes were checked against.\n"
    out += "    static let euVersion = %s\n\n" % swift_string(current_version)
    out += dictionary("labels", "EU frequency code -> English label (every code of the current list).",
                      "String", "String", [(swift_string(k), swift_string(v)) for k, v in sorted(english.items())],
                      per_line=2) + "\n"
    out += dictionary("words", "Folded word or phrase -> EU frequency code.", "String", "String",
                      [(swift_string(k), swift_string(v)) for k, v in sorted(words.items())], per_line=3) + "\n"
    out += dictionary("durations", "ISO 8601 duration (upper case) of a repeating interval -> EU frequency code.",
                      "String", "String",
                      [(swift_string(k), swift_string(v)) for k, v in sorted(FREQUENCY_DURATIONS.items())],
                      per_line=4) + "\n"
    out += dictionary("days", "A number of days between updates (HDX) -> EU frequency code.", "Int", "String",
                      [(str(k), swift_string(v)) for k, v in sorted(FREQUENCY_DAYS.items())], per_line=5) + "\n"
    out += dictionary("cld", "Dublin Core collection frequency (`http://purl.org/cld/freq/<name>`) -> EU code.",
                      "String", "String", [(swift_string(k), swift_string(v)) for k, v in sorted(cld.items())],
                      per_line=3)
    out += "}\n"
    stats = "frequencies: %d codes, %d words, %d durations, %d day counts, %d cld names" % (
        len(english), len(words), len(FREQUENCY_DURATIONS), len(FREQUENCY_DAYS), len(cld))
    return out, stats


# ---------------------------------------------------------------------------------------------------------------

def default_vocab():
    if os.environ.get("FEDCAT_VOCAB"):
        return os.environ["FEDCAT_VOCAB"]
    beside = os.path.normpath(os.path.join(PROJECT, "..", "shared", "vocab"))
    return beside if os.path.isdir(beside) else "/work/shared/vocab"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--vocab", default=default_vocab())
    parser.add_argument("--out", default=os.path.join(PROJECT, "Sources", "Normalise"))
    parser.add_argument("--check", action="store_true", help="compare with the written tables, write nothing")
    arguments = parser.parse_args()
    vocab = Vocab(arguments.vocab)

    outputs = [
        ("Formats/FormatTable.swift", generate_formats),
        ("Languages/LanguageTable.swift", generate_languages),
        ("Themes/ThemeTable.swift", generate_themes),
        ("Frequencies/FrequencyTable.swift", generate_frequencies),
    ]
    stale = []
    for relative, generate in outputs:
        text, stats = generate(vocab)
        path = os.path.join(arguments.out, relative)
        if arguments.check:
            try:
                with open(path, encoding="utf-8") as handle:
                    if handle.read() != text:
                        stale.append(relative)
            except FileNotFoundError:
                stale.append(relative)
        else:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(text)
        print("%-36s %s" % (relative, stats))
    for message in sorted(set(warnings), key=warnings.index):
        print("note: " + message, file=sys.stderr)
    if stale:
        print("out of date: " + ", ".join(stale), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
