#!/usr/bin/env python3
"""Writes samples/dcat/regional.ttl: the DCAT-AP 3 catalogue of a (fictional) regional open data hub.

It republishes 24 datasets of the Lakeside CKAN sample (same download URLs, its own IRIs, titles in
English and German), so a demo harvest of both shows one dataset per real dataset across two formats,
and publishes 8 datasets of its own. Deterministic: run it again after samples/generate.py.

    python3 samples/generate_dcat.py
"""
import json
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent
HUB = "https://hub.region.example"
EU = "http://publications.europa.eu/resource/authority/"
LICENCES = {"cc-by": EU + "licence/CC_BY_4_0", "odc-odbl": EU + "licence/ODC_BL", "cc-zero": EU + "licence/CC0",
            "uk-ogl": "http://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"}
THEMES = {"transport-and-mobility": "TRAN", "environment": "ENVI", "health": "HEAL", "economy-and-finance": "ECON",
          "planning": "REGI", "education-and-culture": "EDUC", "government": "GOVE"}
FORMATS = {"CSV": "CSV", "JSON": "JSON", "GeoJSON": "GEOJSON", "XLSX": "XLSX", "PDF": "PDF", "ZIP": "ZIP", "XML": "XML",
           "SHP": "SHP", "KML": "KML", "WMS": "WMS_SRVC"}
GERMAN = {"Bike-sharing stations": "Fahrradverleihstationen", "Air quality": "Luftqualität", "Road works": "Baustellen"}


def lit(text, lang=None):
    text = (text or "").replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "")
    return f'"{text}"' + (f"@{lang}" if lang else "")


def dataset(uri, pkg, own):
    lines = [f"<{uri}> a dcat:Dataset ;",
             f"    dct:identifier {lit(pkg['id'] if own else 'hub-' + pkg['name'])} ;",
             f"    dct:title {lit(pkg['title'], 'en')}" + "".join(
                 f", {lit(german, 'de')}" for key, german in GERMAN.items() if pkg["title"].startswith(key)) + " ;"]
    if pkg.get("notes"):
        lines.append(f"    dct:description {lit(pkg['notes'], 'en')} ;")
    tags = [tag["name"] for tag in pkg.get("tags", [])]
    if tags:
        lines.append("    dcat:keyword " + ", ".join(lit(tag, "en") for tag in tags) + " ;")
    themes = sorted({THEMES[g["name"]] for g in pkg.get("groups", []) if g["name"] in THEMES})
    if themes:
        lines.append("    dcat:theme " + ", ".join(f"<{EU}data-theme/{t}>" for t in themes) + " ;")
    org = pkg.get("organization") or {}
    lines.append(f"    dct:publisher [ a foaf:Organization ; foaf:name {lit(org.get('title') or 'Regional Open Data Hub')} ] ;")
    lines.append(f"    dct:issued {lit(pkg['metadata_created'][:19])}^^xsd:dateTime ;")
    lines.append(f"    dct:modified {lit(pkg['metadata_modified'][:19])}^^xsd:dateTime ;")
    lines.append(f"    dcat:landingPage <{uri.replace('/id/', '/datasets/')}> ;")
    if pkg.get("license_id") in LICENCES:
        lines.append(f"    dct:license <{LICENCES[pkg['license_id']]}> ;")
    lines.append(f"    dct:language <{EU}language/ENG> ;")
    dists = []
    for index, res in enumerate(pkg.get("resources", [])):
        fmt = FORMATS.get((res.get("format") or "").strip().upper(), None)
        dist = [f"dcat:accessURL <{res['url']}>"]
        if res.get("name"):
            dist.append(f"dct:title {lit(res['name'], 'en')}")
        if fmt:
            dist.append(f"dct:format <{EU}file-type/{fmt}>")
            if fmt not in ("WMS_SRVC",):
                dist.append(f"dcat:downloadURL <{res['url']}>")
        dists.append("[ a dcat:Distribution ; " + " ; ".join(dist) + " ]")
    if dists:
        lines.append("    dcat:distribution " + ",\n        ".join(dists) + " ;")
    lines[-1] = lines[-1][:-2] + " ."
    if not own:
        # The hub says where it harvested the record from (DCAT-AP catalogue record with dct:source).
        lines.append(f"[] a dcat:CatalogRecord ; foaf:primaryTopic <{uri}> ;")
        lines.append(f"    dct:source [ a dcat:CatalogRecord ; dcat:landingPage <https://data.lakeside.example/dataset/{pkg['name']}> ] .")
    return "\n".join(lines) + "\n"


def main():
    lakeside = json.loads((ROOT / "ckan" / "lakeside.json").read_text(encoding="utf-8"))
    packages = [p for p in lakeside["packages"] if p.get("resources") and isinstance(p["resources"], list)
                and all(isinstance(r, dict) and r.get("url") for r in p["resources"])]
    republished = packages[::5][:24]
    own = [{"id": f"hub-{n}", "name": f"hub-{n}", "title": title, "notes": notes, "tags": [{"name": t} for t in tags],
            "groups": [{"name": group}], "organization": {"title": "Regional Open Data Hub"},
            "metadata_created": f"2021-0{n % 9 + 1}-15T09:00:00", "metadata_modified": f"2024-0{n % 9 + 1}-20T10:30:00",
            "license_id": "cc-by",
            "resources": [{"url": f"{HUB}/files/hub-{n}.csv", "format": "CSV", "name": f"{title} (CSV)"}]}
           for n, (title, notes, tags, group) in enumerate([
               ("Regional broadband coverage", "Share of households with fixed broadband above 100 Mbit/s, by municipality.", ["broadband", "internet"], "economy-and-finance"),
               ("Regional hospital beds", "Hospital beds per 1,000 inhabitants, yearly.", ["hospitals", "health"], "health"),
               ("Cross-border commuters", "Commuters crossing the regional border each working day.", ["commuting", "mobility"], "transport-and-mobility"),
               ("Protected landscape areas", "Boundaries of protected landscape areas (GeoJSON).", ["nature", "protected areas"], "environment"),
               ("Regional tourism nights", "Overnight stays in hotels and campsites, monthly.", ["tourism"], "economy-and-finance"),
               ("Flood risk zones", "Areas with a 1 % yearly flood probability.", ["flood", "water"], "environment"),
               ("School enrolment by district", "Pupils enrolled in primary and secondary schools.", ["schools", "education"], "education-and-culture"),
               ("Regional council decisions", "Decisions of the regional council since 2015.", ["council", "decisions"], "government"),
           ], start=1)]
    out = ["# DCAT-AP 3 catalogue of the fictional Regional Open Data Hub: written by samples/generate_dcat.py.",
           "@prefix dcat: <http://www.w3.org/ns/dcat#> .", "@prefix dct: <http://purl.org/dc/terms/> .",
           "@prefix foaf: <http://xmlns.com/foaf/0.1/> .", "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .", "",
           f"<{HUB}/catalog> a dcat:Catalog ;", "    dct:title \"Regional Open Data Hub\"@en, \"Regionales Open-Data-Portal\"@de ;",
           "    dct:publisher [ a foaf:Organization ; foaf:name \"Regional Open Data Hub\" ] ;"]
    uris = [f"{HUB}/id/{p['name']}" for p in republished] + [f"{HUB}/id/{p['name']}" for p in own]
    out.append("    dcat:dataset " + ",\n        ".join(f"<{u}>" for u in uris) + " .\n")
    for pkg in republished:
        out.append(dataset(f"{HUB}/id/{pkg['name']}", pkg, own=False))
    for pkg in own:
        out.append(dataset(f"{HUB}/id/{pkg['name']}", pkg, own=True))
    (ROOT / "dcat").mkdir(exist_ok=True)
    (ROOT / "dcat" / "regional.ttl").write_text("\n".join(out), encoding="utf-8")
    print(f"samples/dcat/regional.ttl: {len(republished)} republished Lakeside datasets, {len(own)} of its own")


if __name__ == "__main__":
    main()
