#!/usr/bin/env python3
"""Generate BundledContexts+Generated.swift: the official DCAT-AP JSON-LD contexts as Swift tables.

fedcat never fetches remote JSON-LD contexts. Documents that name the DCAT-AP 3 contexts by URL are read
with these tables instead. The tables are generated from the context documents kept in the shared corpus
(which must not be copied into the project), so this script, not the data, is what the project keeps.

Usage:
    python3 scripts/vocab/jsonld-contexts.py            # write the Swift file
    python3 scripts/vocab/jsonld-contexts.py --check    # exit 1 if the Swift file is stale

The corpus is $FEDCAT_CORPUS, else ../shared/corpus beside the project (override with --corpus); the DCAT-US 3
context is read from ../shared/validation beside the corpus.
"""
import argparse
import hashlib
import json
import os
import sys
from collections import OrderedDict

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_OUT = os.path.join(ROOT, "Sources", "FeedParsing", "RDF", "JSONLD", "BundledContexts+Generated.swift")
SCRIPT = "scripts/vocab/jsonld-contexts.py"

# Each context: the Swift name, the corpus file, a title, and the URLs documents use for it.
SOURCES = [
    {
        "swift": "dcatAP301",
        "file": "dcat_jsonld/semic_dcat-ap_3.0.1_context.jsonld",
        "title": "DCAT-AP 3.0.1",
        "urls": [
            "https://semiceu.github.io/DCAT-AP/releases/3.0.1/context/dcat-ap.jsonld",
            "https://semiceu.github.io/uri.semic.eu-generated/DCAT-AP/releases/3.0.1/context/dcat-ap.jsonld",
        ],
    },
    {
        "swift": "dcatUS3",
        "root": "validation",
        "file": "dcat-us/3.0/doi-do/dcat-us-3.0-context.jsonld",
        "title": "DCAT-US 3.0",
        "urls": [
            "https://raw.githubusercontent.com/DOI-DO/dcat-us/main/context/dcat-us-3.0.jsonld",
            "https://resources.data.gov/schemas/dcat-us/v3.0/context.jsonld",
        ],
    },
    {
        "swift": "dcatAP3Examples",
        "file": "dcat_jsonld/semic_dcat-ap3_examples_context.jsonld",
        "title": "DCAT-AP 3 examples",
        "urls": [
            "https://semiceu.github.io/uri.semic.eu-generated/DCAT-AP/releases/3.0.0/html/examples/context.jsonld",
            "https://semiceu.github.io/DCAT-AP/releases/3.0.0/html/examples/context.jsonld",
            "https://semiceu.github.io/DCAT-AP/releases/3.0.1/html/examples/context.jsonld",
            "https://semiceu.github.io/uri.semic.eu-generated/DCAT-AP/releases/3.0.1/html/examples/context.jsonld",
        ],
    },
]

DEFINITION_KEYS = ["@id", "@reverse", "@type", "@container", "@language", "@context"]
# Context keys the tables leave out: versions and protection change nothing for reading.
IGNORED_CONTEXT_KEYS = {"@version", "@protected", "@propagate"}


def fail(message):
    sys.stderr.write("jsonld-contexts: " + message + "\n")
    sys.exit(2)


def swift_string(text):
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif 0x20 <= ord(ch) < 0x7F:
            out.append(ch)
        else:
            out.append("\\u{%x}" % ord(ch))
    return '"' + "".join(out) + '"'


def manifest_rows(corpus):
    rows = {}
    with open(os.path.join(corpus, "MANIFEST.tsv"), encoding="utf-8") as handle:
        for line in handle:
            fields = line.rstrip("\n").split("\t")
            if len(fields) >= 4:
                rows[fields[0] + "/" + fields[1]] = {"origin": fields[2], "licence": fields[3]}
    # ../shared/validation's manifest: path, origin, licence, size, description.
    validation = os.path.join(os.path.dirname(corpus), "validation", "MANIFEST.tsv")
    if os.path.exists(validation):
        with open(validation, encoding="utf-8") as handle:
            for line in handle:
                fields = line.rstrip("\n").split("\t")
                if len(fields) >= 3:
                    rows["validation:" + fields[0]] = {"origin": fields[1], "licence": fields[2]}
    return rows


def terms_of(context, where, scoped=False):
    """Swift lines for the term definitions of one context object; returns (vocab, lines, base)."""
    if not isinstance(context, dict):
        fail("%s: the context is not an object" % where)
    vocab = None
    base = None
    lines = []
    for key, value in context.items():
        if key in IGNORED_CONTEXT_KEYS:
            continue
        if key == "@base" and scoped:
            # DCAT-US 3 resolves mediaType against the IANA registry and language codes against the
            # Library of Congress vocabulary this way.
            base = value
            continue
        if key == "@vocab":
            vocab = value
            continue
        if key.startswith("@"):
            fail("%s: the context keyword %s is not supported by the generator" % (where, key))
        if isinstance(value, str):
            lines.append(".simple(%s, %s)" % (swift_string(key), swift_string(value)))
        elif isinstance(value, dict):
            lines.append(definition(key, value, "%s/%s" % (where, key)))
        else:
            fail("%s/%s: a definition that is neither a string nor an object is not supported" % (where, key))
    return vocab, lines, base


def definition(term, value, where):
    unknown = [key for key in value if key not in DEFINITION_KEYS and key != "@protected"]
    if unknown:
        fail("%s: unsupported keys %s" % (where, ", ".join(unknown)))
    arguments = [swift_string(term)]
    for key, label in (("@id", "id"), ("@reverse", "reverse"), ("@type", "type")):
        if key in value:
            arguments.append("%s: %s" % (label, swift_string(value[key])))
    if "@container" in value:
        containers = value["@container"]
        containers = containers if isinstance(containers, list) else [containers]
        arguments.append("container: [%s]" % ", ".join(swift_string(c) for c in containers))
    if "@language" in value:
        arguments.append("language: %s" % swift_string(value["@language"]))
    if "@context" not in value:
        return ".define(%s)" % ", ".join(arguments)
    vocab, scoped, base = terms_of(value["@context"], where + "/@context", scoped=True)
    if vocab is not None:
        fail("%s: @vocab in a scoped context is not supported" % where)
    if base is not None and not scoped:
        return ".define(%s, base: %s)" % (", ".join(arguments), swift_string(base))
    inner = "".join("\n                %s," % line for line in scoped)
    suffix = ", base: %s" % swift_string(base) if base is not None else ""
    return ".define(%s, context: [%s\n            ]%s)" % (", ".join(arguments), inner, suffix)


def generate(corpus):
    manifest = manifest_rows(corpus)
    header = [
        "// Generated by %s from the official DCAT-AP and DCAT-US JSON-LD context documents; do not edit." % SCRIPT,
        "// Regenerate: python3 %s   (check: --check; the corpus is $FEDCAT_CORPUS or ../shared/corpus," % SCRIPT,
        "// ../shared/validation beside it)",
        "//",
        "// Sources (the tables restate their term definitions):",
    ]
    body = []
    for source in SOURCES:
        base = os.path.join(os.path.dirname(corpus), "validation") if source.get("root") == "validation" else corpus
        path = os.path.join(base, source["file"])
        try:
            with open(path, "rb") as handle:
                raw = handle.read()
        except OSError as error:
            fail("cannot read %s: %s" % (path, error))
        document = json.loads(raw.decode("utf-8"), object_pairs_hook=OrderedDict)
        key = ("validation:" if source.get("root") == "validation" else "") + source["file"]
        row = manifest.get(key, {"origin": "unknown origin", "licence": "unknown licence"})
        header.append("// - %s: %s" % (source["title"], row["origin"]))
        header.append("//   licence %s; sha256 %s" % (row["licence"], hashlib.sha256(raw).hexdigest()))
        vocab, lines, _ = terms_of(document.get("@context"), source["file"])
        body.append("")
        body.append("    /// The %s JSON-LD context (%d definitions)." % (source["title"], len(lines)))
        body.append("    static let %s = JSONLDBundledContext(" % source["swift"])
        body.append("        name: %s," % swift_string(source["title"]))
        body.append("        urls: [")
        for url in source["urls"]:
            body.append("            %s," % swift_string(url))
        body.append("        ],")
        if vocab is not None:
            body.append("        vocab: %s," % swift_string(vocab))
        body.append("        terms: [")
        for line in lines:
            body.append("            %s," % line)
        body.append("        ])")
    return "\n".join(header + ["", "extension JSONLDBundledContexts {"] + body[1:] + ["}", ""])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", default=os.environ.get("FEDCAT_CORPUS")
                        or os.path.join(os.path.dirname(ROOT), "shared", "corpus"))
    parser.add_argument("--out", default=DEFAULT_OUT)
    parser.add_argument("--check", action="store_true", help="exit 1 when the Swift file is not what would be generated")
    args = parser.parse_args()
    if not os.path.isdir(args.corpus):
        fail("the corpus folder %s does not exist (set FEDCAT_CORPUS or pass --corpus)" % args.corpus)
    text = generate(args.corpus)
    if args.check:
        try:
            with open(args.out, encoding="utf-8") as handle:
                current = handle.read()
        except OSError:
            current = None
        if current != text:
            sys.stderr.write("jsonld-contexts: %s is stale; run python3 %s\n" % (args.out, SCRIPT))
            sys.exit(1)
        print("jsonld-contexts: %s is up to date" % os.path.relpath(args.out, ROOT))
        return
    with open(args.out, "w", encoding="utf-8") as handle:
        handle.write(text)
    print("jsonld-contexts: wrote %s" % os.path.relpath(args.out, ROOT))


if __name__ == "__main__":
    main()
