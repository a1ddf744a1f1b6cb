#!/usr/bin/env python3
"""Writes Sources/Normalise/Licences/LicenceTable.swift: the licences fedcat recognises.

Reads the shared vocabulary files (Python 3 standard library only):

  spdx/licenses.json                               SPDX License List (ids, names, deprecation, seeAlso URLs)
  eu-authority-tables/licences-skos.rdf            EU Licence authority table (codes, labels in 24 languages,
                                                   skos:exactMatch to licence URLs)
  licenses/opendefinition/licenses.csv             Open Definition licences (ids, titles, URLs, legacy ids)
  licenses/opendefinition/groups/ckan.json         CKAN's default licence set as Open Definition ids
  MANIFEST.tsv                                     where each file came from (for the header)

and adds the curated aliases below (CKAN's own default register, HDX, udata, Socrata, dcat-ap.de,
the Italian DCAT-AP_IT licence vocabulary, national licences without SPDX ids), each with its source.

Usage:  python3 scripts/vocab/licences.py [--vocab DIR] [--out FILE] [--check]
        DIR defaults to $FEDCAT_VOCAB, else ../shared/vocab beside the project, else /work/shared/vocab.
        --check exits 1 when the generated file differs from the one on disk.

The key forms written into the table must match Sources/Normalise/Licences/LicenceKeys.swift:
  ids   lower-cased, trimmed;
  urls  url_key(): lower-cased, no scheme, no leading "www.", no trailing "/.,;:)'\"";
  texts text_key(): lower-cased, Latin letters folded (FOLD below), split on anything but letters and
        digits (a '.' between digits is kept), "&" read as "and", "v3" read as "3", a lone digit "3" read
        as "3.0", and the NOISE words dropped.
LicenceTests checks that every key in the generated table is a fixed point of the Swift functions.
"""

from __future__ import annotations

import argparse
import ast
import csv
import json
import os
import re
import sys
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
OUT = PROJECT / "Sources/Normalise/Licences/LicenceTable.swift"
EU_BASE = "http://publications.europa.eu/resource/authority/licence/"

# ---------------------------------------------------------------------------------------------------------
# Key forms (mirrored in LicenceKeys.swift)

NOISE = {
    "licence", "license", "licences", "licenses", "licenza", "lizenz", "licencia", "licentie", "licensed",
    "version", "versione", "vers", "the", "v", "international", "internacional", "internazionale",
    "internationale", "unported", "generic", "generica", "universal", "universale", "universel", "universell",
}


def build_fold() -> dict[str, str]:
    """Latin letters with diacritics (U+00C0-U+024F, lower case) to ASCII."""
    fold = {"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ð": "d", "ł": "l", "þ": "th", "ı": "i", "ŀ": "l"}
    for cp in range(0xC0, 0x250):
        ch = chr(cp)
        if ch != ch.lower() or ch in fold:
            continue
        base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
        if base != ch and base.isascii() and base.isalpha():
            fold[ch] = base.lower()
    return fold


FOLD = build_fold()


def url_key(url: str) -> str:
    s = url.strip().lower()
    if s.startswith("<") and s.endswith(">"):
        s = s[1:-1]
    for prefix in ("https://", "http://", "//"):
        if s.startswith(prefix):
            s = s[len(prefix):]
            break
    if s.startswith("www."):
        s = s[4:]
    while s and (s[-1] in "/.,;:)'\"" or s[-1].isspace()):
        s = s[:-1]
    return s


def text_tokens(text: str) -> list[str]:
    chars = [FOLD.get(c, c) for c in text.lower()]
    tokens: list[str] = []
    current = ""
    for i, c in enumerate(chars):
        if len(c) > 1 or c.isalpha() or c.isnumeric():
            current += c
            continue
        if (c == "." and current and current[-1].isascii() and current[-1].isdigit()
                and i + 1 < len(chars) and chars[i + 1].isascii() and chars[i + 1].isdigit()):
            current += c
            continue
        if current:
            tokens.append(current)
            current = ""
        if c == "&":
            tokens.append("and")
    if current:
        tokens.append(current)
    out = []
    for t in tokens:
        if re.fullmatch(r"v[0-9][0-9.]*", t):
            t = t[1:]
        if re.fullmatch(r"[0-9]", t):
            t += ".0"
        if t not in NOISE:
            out.append(t)
    return out


def text_key(text: str) -> str:
    return " ".join(text_tokens(text))


def usable_text_key(text: str) -> str | None:
    key = text_key(text)
    return key if key and re.fullmatch(r"[a-z0-9. ]+", key) else None


# ---------------------------------------------------------------------------------------------------------
# Creative Commons structure (URLs and DCAT-AP_IT codes); the Swift matcher parses CC URLs the same way.

CC_CODES = {"by": "BY", "by-sa": "BY-SA", "by-nd": "BY-ND", "by-nc": "BY-NC", "by-nc-sa": "BY-NC-SA",
            "by-nc-nd": "BY-NC-ND", "by-nd-nc": "BY-NC-ND", "sa": "SA"}


def cc_spdx_from_url(url: str) -> str | None:
    seg = url_key(url).split("/")
    if seg[0] != "creativecommons.org" or len(seg) < 3:
        return None
    if seg[1] == "publicdomain" and len(seg) >= 4:
        return {"zero": "CC0-1.0", "mark": "CC-PDM-1.0"}.get(seg[2])
    if seg[1] == "licenses" and len(seg) >= 4 and seg[2] in CC_CODES:
        return f"CC-{CC_CODES[seg[2]]}-{seg[3]}"
    return None


# ---------------------------------------------------------------------------------------------------------
# Curated data (not in the vocabulary files)

# Hosts whose licence pages are national licences: aliases on them are "national-uri".
NATIONAL_HOSTS = ("nationalarchives.gov.uk", "reference.data.gov.uk", "etalab.gouv.fr", "data.gouv.fr", "govdata.de",
                  "dcat-ap.de", "dati.gov.it", "formez.it", "w3id.org", "usa.gov", "open.canada.ca", "data.gc.ca",
                  "data.norge.no", "data.gov.tw")

# Common software licences seen on data portals (beyond those the Open Definition list brings in).
SPDX_SOFTWARE = ["MIT", "MIT-0", "0BSD", "Apache-2.0", "Apache-1.1", "BSD-2-Clause", "BSD-3-Clause", "ISC",
                 "GPL-2.0-only", "GPL-2.0-or-later", "GPL-3.0-only", "GPL-3.0-or-later", "LGPL-2.1-only",
                 "LGPL-2.1-or-later", "LGPL-3.0-only", "LGPL-3.0-or-later", "AGPL-3.0-only", "AGPL-3.0-or-later",
                 "MPL-2.0", "EPL-2.0", "CECILL-2.1", "CECILL-B", "CECILL-C", "WTFPL", "Zlib", "Unlicense",
                 "GFDL-1.1-only", "GFDL-1.2-only"]
# SPDX ids that matter for data, by prefix.
SPDX_DATA = re.compile(r"^(CC-|CC0-|ODC-|ODbL-|PDDL-|OGL-|etalab-|DL-DE-|EUPL-|CDLA-|NLOD-|OGDL-|C-UDA-|GFDL-1\.3)")

# Open Definition ids whose SPDX id is spelled otherwise (or that have none).
OD_TO_SPDX = {"LO-FR-2.0": "etalab-2.0", "ODC-BY-1.0": "ODC-By-1.0",
              "GFDL-1.3-no-cover-texts-no-invariant-sections": None, "WXwindows": None}
OD_TO_EU = {"GFDL-1.3-no-cover-texts-no-invariant-sections": "GNU_FDL"}

# EU codes without an exactMatch URL, or whose URL is not a licence text.
EU_TO_SPDX = {"CC_BY": "CC-BY-4.0", "CC_BYSA": "CC-BY-SA-4.0", "CC_BYND": "CC-BY-ND-4.0", "CC_BYNC": "CC-BY-NC-4.0",
              "CC_BYNCSA": "CC-BY-NC-SA-4.0", "CC_BYNCND": "CC-BY-NC-ND-4.0",  # deprecated 2013 codes, labelled 4.0
              "EUPL_1_0": "EUPL-1.0", "EUPL_1_1": "EUPL-1.1", "EUPL_1_2": "EUPL-1.2",
              "ODC_BL": "ODbL-1.0", "ODC_BY": "ODC-By-1.0", "ODC_PDDL": "PDDL-1.0"}
EU_PLACEHOLDERS = {"OP_DATPRO"}  # "Provisional data": a placeholder, not a licence

# Entries that are not a single licence. kind: family (a licence named without its version), generic (CKAN's
# "Other (…)" categories), placeholder (says no licence was given). Each alias line: (kind, [keys]).
CURATED_ENTRIES = [
    # id, kind, title, family
    ("CC-BY", "family", "Creative Commons Attribution (version not stated)", "CC-BY"),
    ("CC-BY-SA", "family", "Creative Commons Attribution-ShareAlike (version not stated)", "CC-BY-SA"),
    ("CC-BY-ND", "family", "Creative Commons Attribution-NoDerivatives (version not stated)", "CC-BY-ND"),
    ("CC-BY-NC", "family", "Creative Commons Attribution-NonCommercial (version not stated)", "CC-BY-NC"),
    ("CC-BY-NC-SA", "family", "Creative Commons Attribution-NonCommercial-ShareAlike (version not stated)", "CC-BY-NC-SA"),
    ("CC-BY-NC-ND", "family", "Creative Commons Attribution-NonCommercial-NoDerivatives (version not stated)", "CC-BY-NC-ND"),
    ("OGL-UK", "family", "Open Government Licence (United Kingdom, version not stated)", "OGL-UK"),
    ("Licence-Ouverte", "family", "Licence Ouverte / Open Licence (Etalab, version not stated)", "Licence-Ouverte"),
    ("DL-DE-BY", "family", "Datenlizenz Deutschland – Namensnennung (version not stated)", "DL-DE-BY"),
    ("IODL", "family", "Italian Open Data License (version not stated)", "IODL"),
    ("other-open", "generic", "Other (Open)", None),
    ("other-pd", "generic", "Other (Public Domain)", None),
    ("other-at", "generic", "Other (Attribution)", None),
    ("other-nc", "generic", "Other (Non-Commercial)", None),
    ("other-closed", "generic", "Other (Not Open)", None),
    ("other-commercial", "generic", "Other (Commercial)", None),
    ("other-freeware", "generic", "Other (Freeware)", None),
    ("other-opensource", "generic", "Other (Open Source)", None),
    ("notspecified", "placeholder", "License not specified", None),
    # National licences without SPDX ids or EU codes: recognised by label only.
    ("Licence-Ouverte-1.0", "licence", "Licence Ouverte / Open Licence 1.0 (Etalab)", "Licence-Ouverte"),
    ("DL-DE-BY-1.0", "licence", "Datenlizenz Deutschland – Namensnennung – Version 1.0", "DL-DE-BY"),
    ("DL-DE-BY-NC-1.0", "licence", "Datenlizenz Deutschland – Namensnennung – nicht kommerziell – Version 1.0", None),
    ("IODL-1.0", "licence", "Italian Open Data License 1.0", "IODL"),
    ("IODL-2.0", "licence", "Italian Open Data License 2.0", "IODL"),
    ("DE-Amtliches-Werk", "licence", "Amtliches Werk, lizenzfrei nach § 5 Abs. 1 UrhG (Germany)", None),
    ("DE-GeoNutzV", "licence", "Nutzungsbestimmungen für die Bereitstellung von Geodaten des Bundes (GeoNutzV)", None),
    ("DE-GeoNutz-Berlin", "licence", "Nutzungsbestimmungen für die Bereitstellung von Geodaten des Landes Berlin", None),
    ("US-Public-Domain", "licence", "U.S. Public Domain (usa.gov public domain label)", None),
    ("US-Government-Works", "licence", "U.S. Government Works (public domain in the United States)", None),
]

# Aliases by target entry id (an SPDX id, an EU code, an Open Definition id or a curated id above).
CURATED_ALIASES: dict[str, list[tuple[str, list[str]]]] = {
    # CKAN's default licence register (ckan/model/license.py): ids, titles and register URLs.
    "CC-BY": [("ckan-id", ["cc-by"]), ("od-uri", ["opendefinition.org/licenses/cc-by"]),
              ("national-uri", ["dcat-ap.de/def/licenses/cc-by"]),
              ("text", ["Creative Commons Attribution", "CC BY", "Creative Commons Namensnennung (CC-BY)"])],
    "CC-BY-SA": [("ckan-id", ["cc-by-sa"]), ("od-uri", ["opendefinition.org/licenses/cc-by-sa"]),
                 ("national-uri", ["dcat-ap.de/def/licenses/cc-by-sa"]),
                 ("text", ["Creative Commons Attribution Share-Alike", "CC BY-SA"])],
    "CC-BY-ND": [("ckan-id", ["cc-by-nd"]), ("national-uri", ["dcat-ap.de/def/licenses/cc-by-nd"]),
                 ("text", ["CC BY-ND"])],
    "CC-BY-NC": [("ckan-id", ["cc-nc", "cc-by-nc"]), ("national-uri", ["dcat-ap.de/def/licenses/cc-by-nc"]),
                 # CKAN's register gives cc-nc ("Non-Commercial (Any)") this URL: it does not name a version.
                 ("register-uri", ["creativecommons.org/licenses/by-nc/2.0"]),
                 ("text", ["Creative Commons Non-Commercial (Any)", "CC BY-NC"])],
    "CC-BY-NC-SA": [("ckan-id", ["cc-by-nc-sa"]), ("text", ["CC BY-NC-SA"])],
    "CC-BY-NC-ND": [("ckan-id", ["cc-by-nc-nd"]), ("text", ["CC BY-NC-ND"])],
    "CC0-1.0": [("ckan-id", ["cc-zero", "cc0", "hdx-cc0"]), ("od-uri", ["opendefinition.org/licenses/cc-zero"]),
                ("national-uri", ["dcat-ap.de/def/licenses/cc-zero"]),
                ("text", ["Creative Commons CCZero", "CC Zero", "CC0", "No Rights Reserved (CC0)"])],
    "ODbL-1.0": [("ckan-id", ["odc-odbl", "hdx-odc-odbl", "odc-odbl-1.0", "odbl"]),
                 ("od-uri", ["opendefinition.org/licenses/odc-odbl"]),
                 ("national-uri", ["dcat-ap.de/def/licenses/odbl"]),
                 ("text", ["Open Data Commons Open Database License (ODbL)", "Open Database License", "ODbL"])],
    "ODC-By-1.0": [("ckan-id", ["odc-by", "hdx-odc-by", "odby"]), ("od-uri", ["opendefinition.org/licenses/odc-by"]),
                   ("national-uri", ["dcat-ap.de/def/licenses/odby"]),
                   ("text", ["Open Data Commons Attribution License", "ODC-BY"])],
    "PDDL-1.0": [("ckan-id", ["odc-pddl", "hdx-pddl", "odcpddl"]), ("od-uri", ["opendefinition.org/licenses/odc-pddl"]),
                 ("national-uri", ["dcat-ap.de/def/licenses/odcpddl"]),
                 ("text", ["Open Data Commons Public Domain Dedication and License (PDDL)", "PDDL"])],
    "GNU_FDL": [("ckan-id", ["gfdl"]), ("od-uri", ["opendefinition.org/licenses/gfdl"]),
                ("national-uri", ["dcat-ap.de/def/licenses/gfdl"]), ("text", ["GNU Free Documentation License", "GFDL"])],
    "OGL-UK": [("ckan-id", ["uk-ogl", "ogl", "ogl-uk"]),
               ("national-uri", ["reference.data.gov.uk/id/open-government-licence",
                                 "nationalarchives.gov.uk/doc/open-government-licence",
                                 "nationalarchives.gov.uk/doc/open-government-licence/open-government-licence.htm"]),
               ("text", ["UK Open Government Licence (OGL)", "Open Government Licence", "OGL"])],
    "notspecified": [("ckan-id", ["notspecified", "not-specified", "unspecified", "other-undefined", "other", "unknown",
                                  "none", "n/a", "na", "null", "-", "?", "hdx-other", "no-license", "nolicense"]),
                     ("national-uri", ["project-open-data.cio.gov/unknown-license",
                                       "w3id.org/italia/controlled-vocabulary/licences/c1_unknown",
                                       "w3id.org/italia/controlled-vocabulary/licences/c11_unknown"]),
                     ("text", ["License not specified", "Not specified", "Unspecified", "Other", "Unknown", "None",
                               "No license", "N/A", "Other (Specified in the description)", "See description",
                               "Keine Angabe", "Non specificata", "Licenza sconosciuta", "Non spécifiée",
                               "Provisional data"])],
    "other-open": [("ckan-id", ["other-open"]), ("national-uri", ["dcat-ap.de/def/licenses/other-open"]),
                   ("text", ["Other (Open)", "Andere offene Lizenz"])],
    "other-pd": [("ckan-id", ["other-pd", "other-pd-nr", "public-domain", "publicdomain"]),
                 ("socrata-id", ["public_domain"]),
                 ("national-uri", ["w3id.org/italia/controlled-vocabulary/licences/a1_publicdomain"]),
                 ("text", ["Other (Public Domain)", "Public Domain", "Public Domain / No Restrictions", "Pubblico Dominio",
                           "Domaine public", "Gemeinfrei"])],
    "other-at": [("ckan-id", ["other-at"]),
                 ("national-uri", ["w3id.org/italia/controlled-vocabulary/licences/a2_attribution"]),
                 ("text", ["Other (Attribution)"])],
    "other-nc": [("ckan-id", ["other-nc"]),
                 ("national-uri", ["w3id.org/italia/controlled-vocabulary/licences/b1_noncommercial"]),
                 ("text", ["Other (Non-Commercial)"])],
    "other-closed": [("ckan-id", ["other-closed"]), ("national-uri", ["dcat-ap.de/def/licenses/other-closed"]),
                     ("text", ["Other (Not Open)", "Andere geschlossene Lizenz"])],
    "other-commercial": [("ckan-id", ["other-commercial"]), ("national-uri", ["dcat-ap.de/def/licenses/other-commercial"]),
                         ("text", ["Andere kommerzielle Lizenz"])],
    "other-freeware": [("ckan-id", ["other-freeware"]), ("national-uri", ["dcat-ap.de/def/licenses/other-freeware"]),
                       ("text", ["Andere Freeware Lizenz"])],
    "other-opensource": [("ckan-id", ["other-opensource"]), ("national-uri", ["dcat-ap.de/def/licenses/other-opensource"]),
                         ("text", ["Andere Open Source Lizenz"])],
    # HDX (ckanext-hdx_theme licences): cc-by-igo is CC BY 3.0 IGO (its register URL).
    "CC-BY-3.0-IGO": [("ckan-id", ["cc-by-igo"]),
                      ("text", ["Creative Commons Attribution for Intergovernmental Organisations"])],
    # UK Open Government Licence.
    "OGL-UK-1.0": [("text", ["Open Government Licence v1.0", "OGL v1.0", "OGL 1.0"])],
    "OGL-UK-2.0": [("text", ["Open Government Licence v2.0", "OGL v2.0", "OGL 2.0"])],
    "OGL-UK-3.0": [("socrata-id", ["uk_oglv3.0"]), ("text", ["Open Government Licence v3.0", "OGL v3.0", "OGL 3.0",
                                                              "UK Open Government Licence v3"])],
    "OGL-Canada-2.0": [("ckan-id", ["ca-ogl-lgo", "ogl-ca-2.0"]), ("socrata-id", ["ogl_canada"]),
                       ("national-uri", ["open.canada.ca/en/open-government-licence-canada",
                                         "data.gc.ca/eng/open-government-licence-canada"]),
                       ("text", ["Open Government Licence - Canada", "Canada Open Government Licence"])],
    # France: Licence Ouverte / Open Licence (Etalab); udata ids fr-lo and lov2.
    "Licence-Ouverte": [("text", ["Licence Ouverte", "Licence Ouverte (Etalab)", "Licence Etalab", "Licence Ouverte / Open Licence",
                                  "Etalab"])],
    "Licence-Ouverte-1.0": [("ckan-id", ["fr-lo", "lo-1.0", "lo-fr-1.0", "etalab-1.0"]),
                            ("national-uri", ["data.gouv.fr/licence-ouverte-open-licence",
                                              "etalab.gouv.fr/pages/licence_ouverte_open_licence-5899923.html",
                                              "etalab.gouv.fr/wp-content/uploads/2014/05/licence_ouverte.pdf",
                                              "etalab.gouv.fr/wp-content/uploads/2014/05/open_licence.pdf"]),
                            ("text", ["Licence Ouverte 1.0", "Licence Ouverte / Open Licence 1.0", "Licence Ouverte Version 1.0",
                                      "Etalab 1.0"])],
    "etalab-2.0": [("ckan-id", ["lov2", "lo-2.0", "lo-fr-2.0", "fr-lo-2.0"]),
                   ("national-uri", ["etalab.gouv.fr/licence-ouverte-open-licence",
                                     "etalab.gouv.fr/wp-content/uploads/2017/04/etalab-licence-ouverte-v2.0.pdf",
                                     "etalab.gouv.fr/wp-content/uploads/2018/11/open-licence.pdf",
                                     "github.com/etalab/licence-ouverte/blob/master/lo.md"]),
                   ("text", ["Licence Ouverte 2.0", "Licence Ouverte / Open Licence 2.0", "Licence Ouverte Version 2.0",
                             "Etalab 2.0"])],
    # Germany: Datenlizenz Deutschland and the dcat-ap.de licence vocabulary (GovData).
    "DL-DE-BY": [("ckan-id", ["dl-de-by"]), ("text", ["Datenlizenz Deutschland Namensnennung", "DL-DE-BY"])],
    "DL-DE-BY-2.0": [("ckan-id", ["dl-de-by-2.0", "dl-by-de/2.0", "dl-by-de/2_0", "dl-de->by-2.0", "dl-de/by-2-0"]),
                     ("national-uri", ["dcat-ap.de/def/licenses/dl-by-de/2.0", "dcat-ap.de/def/licenses/dl-by-de/2_0"]),
                     ("text", ["Datenlizenz Deutschland Namensnennung 2.0", "Datenlizenz Deutschland – Namensnennung – Version 2.0",
                               "Data licence Germany – attribution – version 2.0", "dl-de/by-2-0"])],
    "DL-DE-ZERO-2.0": [("ckan-id", ["dl-de-zero-2.0", "dl-zero-de/2.0", "dl-zero-de/2_0", "dl-de->zero-2.0", "dl-de/zero-2-0"]),
                       ("national-uri", ["dcat-ap.de/def/licenses/dl-zero-de/2.0", "dcat-ap.de/def/licenses/dl-zero-de/2_0"]),
                       ("text", ["Datenlizenz Deutschland Zero 2.0", "Datenlizenz Deutschland – Zero – Version 2.0",
                                 "Data licence Germany – zero – version 2.0", "dl-de/zero-2-0"])],
    "DL-DE-BY-1.0": [("ckan-id", ["dl-de-by-1.0", "dl-by-de/1.0"]),
                     ("national-uri", ["dcat-ap.de/def/licenses/dl-by-de/1.0", "govdata.de/dl-de/by-1-0"]),
                     ("text", ["Datenlizenz Deutschland Namensnennung 1.0", "Datenlizenz Deutschland – Namensnennung – Version 1.0"])],
    "DL-DE-BY-NC-1.0": [("ckan-id", ["dl-de-by-nc-1.0", "dl-by-nc-de/1.0"]),
                        ("national-uri", ["dcat-ap.de/def/licenses/dl-by-nc-de/1.0", "govdata.de/dl-de/by-nc-1-0"]),
                        ("text", ["Datenlizenz Deutschland Namensnennung nicht-kommerziell 1.0"])],
    "DE-Amtliches-Werk": [("ckan-id", ["officialwork", "urhg-5"]), ("national-uri", ["dcat-ap.de/def/licenses/officialwork"]),
                          ("text", ["Amtliches Werk, lizenzfrei nach §5 Abs. 1 UrhG"])],
    "DE-GeoNutzV": [("ckan-id", ["geonutz/20130319", "geonutzv-de-2013-03-19"]),
                    ("national-uri", ["dcat-ap.de/def/licenses/geonutz/20130319"]),
                    ("text", ["Nutzungsbestimmungen für die Bereitstellung von Geodaten des Bundes", "GeoNutzV"])],
    "DE-GeoNutz-Berlin": [("ckan-id", ["geonutz/20131001"]), ("national-uri", ["dcat-ap.de/def/licenses/geonutz/20131001"]),
                          ("text", ["Nutzungsbestimmungen für die Bereitstellung von Geodaten des Landes Berlin"])],
    "CC-BY-4.0": [("national-uri", ["dcat-ap.de/def/licenses/cc-by/4.0", "dcat-ap.de/def/licenses/cc-by/4_0"])],
    "CC-BY-3.0-DE": [("national-uri", ["dcat-ap.de/def/licenses/cc-by-de/3.0"])],
    "CC-BY-SA-3.0-DE": [("national-uri", ["dcat-ap.de/def/licenses/cc-by-sa-de/3.0"])],
    "CC-BY-SA-4.0": [("national-uri", ["dcat-ap.de/def/licenses/cc-by-sa/4.0"])],
    "CC-BY-NC-3.0-DE": [("national-uri", ["dcat-ap.de/def/licenses/cc-by-nc-de/3.0"])],
    "CC-BY-NC-4.0": [("national-uri", ["dcat-ap.de/def/licenses/cc-by-nc/4.0"])],
    "CC-BY-ND-3.0": [("national-uri", ["dcat-ap.de/def/licenses/cc-by-nd/3.0"])],
    "CC-BY-ND-4.0": [("national-uri", ["dcat-ap.de/def/licenses/cc-by-nd/4.0"])],
    "CC-PDM-1.0": [("national-uri", ["dcat-ap.de/def/licenses/ccpdm/1.0"]), ("text", ["Public Domain Mark 1.0 (PDM)"])],
    "GPL-3.0-only": [("national-uri", ["dcat-ap.de/def/licenses/gpl/3.0"])],
    "MPL-2.0": [("national-uri", ["dcat-ap.de/def/licenses/mozilla"])],
    "Apache-2.0": [("national-uri", ["dcat-ap.de/def/licenses/apache"]), ("uri", ["apache.org/licenses/license-2.0",
                                                                                 "apache.org/licenses/license-2.0.html"]),
                   ("text", ["Apache License 2.0", "Apache 2"])],
    "MIT": [("text", ["MIT License", "Licence MIT", "The MIT License (MIT)"])],
    # Italy: Italian Open Data License.
    "IODL": [("text", ["Italian Open Data License", "IODL"])],
    "IODL-1.0": [("ckan-id", ["iodl-1.0", "iodl-v1.0", "iodl1.0"]),
                 ("national-uri", ["formez.it/iodl", "dati.gov.it/iodl/1.0"]),
                 ("text", ["Italian Open Data License 1.0", "Italian Open Data License v1.0", "IODL 1.0"])],
    "IODL-2.0": [("ckan-id", ["iodl-2.0", "iodl-v2.0", "iodl2.0", "iodl_2.0"]), ("socrata-id", ["iodl"]),
                 ("national-uri", ["dati.gov.it/iodl/2.0", "dati.gov.it/content/italian-open-data-license-v20"]),
                 ("text", ["Italian Open Data License 2.0", "Italian Open Data License v2.0", "IODL 2.0"])],
    # United States (DCAT-US / Project Open Data licence URLs; Socrata USGOV_WORKS).
    "US-Public-Domain": [("national-uri", ["usa.gov/publicdomain/label/1.0"]), ("text", ["U.S. Public Domain"])],
    "US-Government-Works": [("socrata-id", ["usgov_works"]), ("national-uri", ["usa.gov/government-works"]),
                            ("text", ["U.S. Government Works", "US Government Works", "Public Domain U.S. Government"])],
    "CC-PDDC": [("text", ["Public Domain Dedication and Certification"])],
}

# Socrata licence ids (`licenseId` in view metadata; Socrata's front-end licence list gives id, name and terms
# link) and the SPDX ids they stand for.
# New Zealand ports have no SPDX id: they are read as the generic licence ("socrata-id.ported-generic").
SOCRATA = {"cc0_10": "CC0-1.0", "cc_30_by": "CC-BY-3.0", "cc_30_by_sa": "CC-BY-SA-3.0", "cc_30_by_nd": "CC-BY-ND-3.0",
           "cc_30_by_nc": "CC-BY-NC-3.0", "cc_30_by_nc_sa": "CC-BY-NC-SA-3.0", "cc_30_by_nc_nd": "CC-BY-NC-ND-3.0",
           "cc_30_by_aus": "CC-BY-3.0-AU", "cc_30_by_igo": "CC-BY-3.0-IGO", "cc_40_by": "CC-BY-4.0",
           "cc_40_by_sa": "CC-BY-SA-4.0", "pddl": "PDDL-1.0", "odbl": "ODbL-1.0", "odc_by": "ODC-By-1.0",
           "open_database_license": "ODbL-1.0"}
SOCRATA_PORTED = {"cc_30_by_nz": "CC-BY-3.0", "cc_30_by_nc_nz": "CC-BY-NC-3.0", "cc_30_by_nc_sa_nz": "CC-BY-NC-SA-3.0"}

# DCAT-AP_IT licence vocabulary (https://w3id.org/italia/controlled-vocabulary/licences/<code>), as used by
# Italian portals; both the "A21_CCBY40" and the older "A21:CCBY40" spellings are published.
ITALIAN_CODES = ["A11_CCO10", "A12_PDDL", "A21_CCBY40", "A210_ODCBY", "A22_CCBY30", "A23_CCBY30IT", "A24_CCBY25",
                 "A25_CCBY25IT", "A26_CCBY20", "A27_CCBY20IT", "A28_CCBY10", "A29_IODL20", "A31_CCBYSA40", "A310_ODBL",
                 "A311_GFDL13", "A32_CCBYSA30", "A33_CCBYSA30IT", "A34_CCBYSA25", "A35_CCBYSA25IT", "A36_CCBYSA20",
                 "A37_CCBYSA20IT", "A38_CCBYSA10", "A39_IODL10", "A41_ADRM", "B11_CCBYNC40", "B110_CCBYNCSA30",
                 "B111_CCBYNCSA30IT", "B112_CCBYNCSA25", "B113_CCBYNCSA25IT", "B114_CCBYNCSA20", "B115_CCBYNCSA20IT",
                 "B116_CCBYNCSA10", "B12_CCBYNC30", "B13_CCBYNC30IT", "B14_CCBYNC25", "B15_CCBYNC25IT", "B16_CCBYNC20",
                 "B17_CCBYNC20IT", "B18_CCBYNC10", "B19_CCBYNCSA40", "B21_CCBYND40", "B22_CCBYND30", "B23_CCBYND30IT",
                 "B24_CCBYND25", "B25_CCBYND25IT", "B26_CCBYND20", "B27_CCBYND20IT", "B28_CCBYND10", "B29_CCBYNDNC10"]
ITALIAN_OTHER = {"CCO10": "CC0-1.0", "PDDL": "PDDL-1.0", "ODCBY": "ODC-By-1.0", "ODBL": "ODbL-1.0",
                 "GFDL13": "GFDL-1.3-only", "IODL20": "IODL-2.0", "IODL10": "IODL-1.0", "ADRM": "Against-DRM"}


def italian_target(suffix: str) -> tuple[str, bool] | None:
    """(target id, ported) for a DCAT-AP_IT code suffix."""
    if suffix in ITALIAN_OTHER:
        return ITALIAN_OTHER[suffix], False
    m = re.fullmatch(r"CCBY((?:NC|ND|SA)*)(\d)(\d)(IT)?", suffix)
    if not m:
        return None
    parts = re.findall("NC|ND|SA", m.group(1))
    code = "BY" + ("-NC" if "NC" in parts else "") + ("-SA" if "SA" in parts else "") + ("-ND" if "ND" in parts else "")
    return f"CC-{code}-{m.group(2)}.{m.group(3)}", bool(m.group(4))


# ---------------------------------------------------------------------------------------------------------
# Model

class Entry:
    def __init__(self, id: str, kind: str, title: str, spdx: str | None = None, eu: str | None = None,
                 family: str | None = None):
        self.id, self.kind, self.title, self.spdx, self.eu, self.family = id, kind, title, spdx, eu, family
        self.eu_deprecated = False
        self.aliases: dict[str, list[str]] = {}
        self.origin: set[str] = set()

    def add(self, kind: str, key: str | None):
        if key:
            keys = self.aliases.setdefault(kind, [])
            if key not in keys:
                keys.append(key)


class Table:
    def __init__(self):
        self.entries: dict[str, Entry] = {}
        self.warnings: list[str] = []

    def get(self, id: str) -> Entry:
        return self.entries[id]

    def find(self, id: str) -> Entry | None:
        return self.entries.get(id)

    def ensure(self, id: str, **kw) -> Entry:
        if id not in self.entries:
            self.entries[id] = Entry(id, **kw)
        return self.entries[id]


def cc_family(spdx: str) -> str | None:
    m = re.fullmatch(r"CC-(BY(?:-NC)?(?:-SA|-ND)?)-\d\.\d(?:-[A-Z]+)?", spdx)
    if m:
        return "CC-" + m.group(1)
    for prefix, family in (("OGL-UK-", "OGL-UK"), ("DL-DE-BY-", "DL-DE-BY"), ("IODL-", "IODL")):
        if spdx.startswith(prefix):
            return family
    if spdx == "etalab-2.0":
        return "Licence-Ouverte"
    return None


def url_kind(key: str) -> str | None:
    host = key.split("/")[0]
    if host in ("creativecommons.org", "publications.europa.eu", "spdx.org"):
        return None  # read by structure
    if host in ("opendefinition.org", "opendatacommons.org"):
        return "od-uri"
    if host == "opensource.org":
        return "osi-uri"
    if any(host == h or host.endswith("." + h) for h in NATIONAL_HOSTS):
        return "national-uri"
    return "uri"


# ---------------------------------------------------------------------------------------------------------
# Readers

def read_manifest(vocab: Path) -> dict[str, str]:
    sources = {}
    with open(vocab / "MANIFEST.tsv", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            sources[row["file"]] = row["source"]
    return sources


def read_spdx(vocab: Path):
    data = json.loads((vocab / "spdx/licenses.json").read_text(encoding="utf-8"))
    return data["licenseListVersion"], data.get("releaseDate", "")[:10], {x["licenseId"]: x for x in data["licenses"]}


def read_eu(vocab: Path):
    ns = {"rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "skos": "http://www.w3.org/2004/02/skos/core#",
          "owl": "http://www.w3.org/2002/07/owl#", "at": "http://publications.europa.eu/ontology/authority/"}
    rdf = "{%s}" % ns["rdf"]
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    root = ET.parse(vocab / "eu-authority-tables/licences-skos.rdf").getroot()
    version = root.find("skos:ConceptScheme/owl:versionInfo", ns).text.strip()
    concepts = []
    for c in root.findall("skos:Concept", ns):
        code = c.get(rdf + "about").rsplit("/", 1)[1]
        labels = [(p.get(xml_lang), " ".join(p.text.split())) for tag in ("skos:prefLabel", "skos:altLabel")
                  for p in c.findall(tag, ns) if p.text]
        english = next((text for lang, text in labels if lang == "en"), code)
        concepts.append({"code": code, "deprecated": c.get("{%s}deprecated" % ns["at"]) == "true",
                         "title": english, "labels": [text for _, text in labels],
                         "match": [m.get(rdf + "resource") for m in c.findall("skos:exactMatch", ns)]})
    return version, concepts


def read_od(vocab: Path):
    rows = []
    with open(vocab / "licenses/opendefinition/licenses.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            row["legacy_ids"] = ast.literal_eval(row["legacy_ids"]) if row["legacy_ids"] else []
            rows.append(row)
    ckan = [x["id"] for x in json.loads((vocab / "licenses/opendefinition/groups/ckan.json").read_text(encoding="utf-8"))]
    return rows, ckan


# ---------------------------------------------------------------------------------------------------------
# Assembly

def build(vocab: Path):
    table = Table()
    spdx_version, spdx_date, spdx = read_spdx(vocab)
    eu_version, eu = read_eu(vocab)
    od_rows, ckan_group = read_od(vocab)
    spdx_lower = {k.lower(): k for k in spdx}

    def spdx_entry(id: str, origin: str) -> Entry:
        info = spdx[id]
        assert not info["isDeprecatedLicenseId"], id
        entry = table.ensure(id, kind="licence", title=info["name"], spdx=id, family=cc_family(id))
        entry.origin.add(origin)
        entry.add("spdx-id", id.lower())
        entry.add("text", usable_text_key(info["name"]))
        data = bool(SPDX_DATA.match(id))
        for url in info["seeAlso"]:
            key = url_key(url)
            kind = url_kind(key)
            if kind and (data or kind == "osi-uri"):
                entry.add(kind, key)
        return entry

    def spdx_for(od_id: str) -> str | None:
        if od_id in OD_TO_SPDX:
            return OD_TO_SPDX[od_id]
        real = spdx_lower.get(od_id.lower())
        if real is None:
            return None
        if spdx[real]["isDeprecatedLicenseId"]:
            only = real + "-only"
            return only if only in spdx else None
        return real

    # 1. SPDX licences relevant for data, and the common software ones.
    for id in sorted(spdx):
        if not spdx[id]["isDeprecatedLicenseId"] and SPDX_DATA.match(id):
            spdx_entry(id, "spdx")
    for id in SPDX_SOFTWARE:
        spdx_entry(id, "spdx")
    # Deprecated SPDX ids still published (GPL-3.0, GPL-3.0+, …): read as the -only / -or-later id.
    for id, info in sorted(spdx.items()):
        if not info["isDeprecatedLicenseId"]:
            continue
        target = id[:-1] + "-or-later" if id.endswith("+") else id + "-only"
        if target in table.entries:
            table.get(target).add("spdx-id.deprecated", id.lower())

    # 2. Open Definition licences (all of them).
    for row in od_rows:
        od_id = row["id"]
        generic = row["is_generic"] == "True"
        if generic:
            entry = table.ensure(od_id, kind="placeholder" if od_id == "notspecified" else "generic", title=row["title"])
        elif (target := spdx_for(od_id)) is not None:
            entry = spdx_entry(target, "opendefinition")
        elif od_id in OD_TO_EU:
            entry = None  # attached once the EU table is read
        else:
            entry = table.ensure(od_id, kind="licence", title=row["title"])
        if entry is None:
            continue
        entry.origin.add("opendefinition")
        if od_id.lower() != (entry.spdx or "").lower():
            entry.add("ckan-id", od_id.lower())
        for legacy in row["legacy_ids"]:
            entry.add("ckan-id", legacy.lower())
        entry.add("text", usable_text_key(row["title"]))
        if row["url"]:
            key = url_key(row["url"])
            kind = url_kind(key)
            if kind:
                entry.add(kind, key)

    # 3. EU licence authority table (every code).
    for concept in eu:
        code = concept["code"]
        target = EU_TO_SPDX.get(code)
        for url in concept["match"]:
            target = target or cc_spdx_from_url(url)
        if code in EU_PLACEHOLDERS:
            entry = table.ensure("notspecified", kind="placeholder", title="License not specified")
        elif target:
            entry = table.find(target) or spdx_entry(target, "eu")
        else:
            entry = table.ensure(code, kind="licence", title=concept["title"])
        entry.origin.add("eu")
        if entry.kind == "licence":
            if entry.eu is None or (not concept["deprecated"] and entry.eu_deprecated):
                entry.eu, entry.eu_deprecated = code, concept["deprecated"]
        entry.add("eu-code", code.lower())
        for label in concept["labels"]:
            entry.add("text", usable_text_key(label))
        for url in concept["match"]:
            key = url_key(url)
            kind = url_kind(key)
            if kind and entry.kind == "licence":
                entry.add(kind, key)
    for od_id, code in OD_TO_EU.items():
        row = next(r for r in od_rows if r["id"] == od_id)
        entry = table.get(code)
        entry.add("ckan-id", od_id.lower())
        entry.add("text", usable_text_key(row["title"]))
        entry.add(url_kind(url_key(row["url"])), url_key(row["url"]))

    # 4. Curated entries and aliases.
    for id, kind, title, family in CURATED_ENTRIES:
        entry = table.ensure(id, kind=kind, title=title, family=family)
        entry.origin.add("curated")
        entry.family = entry.family or family
    for target, lines in CURATED_ALIASES.items():
        entry = table.find(target)
        if entry is None:
            raise SystemExit(f"curated aliases for unknown entry {target}")
        for kind, keys in lines:
            for key in keys:
                if kind == "text":
                    entry.add(kind, usable_text_key(key))
                elif kind.endswith("-uri"):
                    entry.add(kind, url_key(key))
                else:
                    entry.add(kind, key.lower())
    for key, target in SOCRATA.items():
        table.get(target).add("socrata-id", key)
    for key, target in SOCRATA_PORTED.items():
        table.get(target).add("socrata-id.ported-generic", key)
    for code in ITALIAN_CODES:
        target, ported = italian_target(code.split("_", 1)[1])
        entry = table.find(target) or spdx_entry(target, "curated")
        kind = "national-uri.ported-generic" if ported else "national-uri"
        base = "w3id.org/italia/controlled-vocabulary/licences/"
        entry.add(kind, base + code.lower())
        entry.add(kind, base + code.lower().replace("_", ":", 1))
    for id in ckan_group:  # every id of CKAN's default set must be known
        if not any(id.lower() in keys for e in table.entries.values() for keys in e.aliases.values()):
            raise SystemExit(f"CKAN default licence {id} has no alias")

    sources = read_manifest(vocab)
    od_source = sources.get("licenses/opendefinition/licenses.csv", "")
    od_commit = od_source.split("@")[-1][:12] if "@" in od_source else "?"
    meta = {"spdx": f"SPDX License List {spdx_version} ({spdx_date})", "eu": f"EU Licence table {eu_version}",
            "od": f"okfn/licenses @{od_commit}"}
    return table, meta


def resolve_collisions(table: Table):
    """One entry per key: a key claimed by two entries is kept by the stronger claim, or dropped when both are equal."""
    rank_kind = lambda kind: 0 if kind.startswith("spdx-id") else 1 if kind.startswith("eu-code") else 2
    rank_entry = {"licence": 0, "family": 1, "generic": 2, "placeholder": 3}
    for group in ("id", "url", "text", "register"):
        owners: dict[str, list[tuple[Entry, str]]] = {}
        for entry in table.entries.values():
            for kind, keys in entry.aliases.items():
                if alias_group(kind) == group:
                    for key in keys:
                        owners.setdefault(key, []).append((entry, kind))
        for key, claims in owners.items():
            if len({e.id for e, _ in claims}) < 2:
                continue
            claims.sort(key=lambda c: (rank_kind(c[1]), rank_entry[c[0].kind], "curated" not in c[0].origin))
            best = claims[0]
            tie = claims[1]
            if (rank_kind(best[1]), rank_entry[best[0].kind]) == (rank_kind(tie[1]), rank_entry[tie[0].kind]) \
                    and ("curated" in best[0].origin) == ("curated" in tie[0].origin):
                table.warnings.append(f"{group} key '{key}' claimed by {', '.join(e.id for e, _ in claims)}: dropped")
                losers = claims
            else:
                losers = claims[1:]
                table.warnings.append(f"{group} key '{key}' kept for {best[0].id}, dropped for "
                                      f"{', '.join(e.id for e, _ in losers)}")
            for entry, kind in losers:
                if key in entry.aliases.get(kind, []):
                    entry.aliases[kind].remove(key)


def alias_group(kind: str) -> str:
    base = kind.split(".")[0]
    if base == "register-uri":
        return "register"
    if base == "uri" or base.endswith("-uri"):
        return "url"
    if base == "text":
        return "text"
    return "id"


def drop_redundant(table: Table):
    """URLs the matcher reads by structure (opensource.org/licenses/<id>, opendefinition.org/licenses/<id>) are
    left out when the id resolves to the same entry."""
    ids = {key: e for e in table.entries.values() for kind, keys in e.aliases.items()
           if alias_group(kind) == "id" for key in keys}
    for entry in table.entries.values():
        for kind in ("osi-uri", "od-uri"):
            kept = []
            for key in entry.aliases.get(kind, []):
                seg = key.split("/")
                last = re.sub(r"\.(php|html?)$", "", seg[-1]) if len(seg) == 3 and seg[1] == "licenses" else None
                if last is None or ids.get(last) is not entry:
                    kept.append(key)
            if kind in entry.aliases:
                entry.aliases[kind] = kept


# ---------------------------------------------------------------------------------------------------------
# Output

ORDER = ["spdx-id", "spdx-id.deprecated", "eu-code", "ckan-id", "socrata-id", "socrata-id.ported-generic",
         "od-uri", "osi-uri", "national-uri", "national-uri.ported-generic", "uri", "register-uri", "text"]


def swift_string(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def alias_lines(entry: Entry, width: int = 86) -> list[str]:
    lines = []
    for kind in ORDER:
        keys = entry.aliases.get(kind, [])
        line = ""
        for key in keys:
            if "|" in key:
                raise SystemExit(f"key with '|': {key}")
            candidate = f"{line}|{key}" if line else f"{kind}:{key}"
            if line and len(candidate) > width:
                lines.append(line)
                candidate = f"{kind}:{key}"
            line = candidate
        if line:
            lines.append(line)
    return lines


def render(table: Table, meta: dict[str, str]) -> str:
    kinds_order = {"licence": 0, "family": 1, "generic": 2, "placeholder": 3}
    entries = sorted(table.entries.values(), key=lambda e: (kinds_order[e.kind], e.id.lower()))
    counts = {k: sum(1 for e in entries if e.kind == k) for k in kinds_order}
    with_spdx = sum(1 for e in entries if e.spdx)
    with_eu = sum(1 for e in entries if e.eu)
    alias_count = sum(len(keys) for e in entries for keys in e.aliases.values())
    out = [
        "// Generated by scripts/vocab/licences.py — do not edit: change the script and run it again.",
        "// Sources, in ../shared/vocab:",
        f"//   spdx/licenses.json — {meta['spdx']}",
        f"//   eu-authority-tables/licences-skos.rdf — {meta['eu']}",
        f"//   licenses/opendefinition/licenses.csv, groups/ckan.json — Open Definition licences, {meta['od']}",
        "//   and the curated aliases in the script (CKAN's default register, HDX, udata, Socrata, dcat-ap.de,",
        "//   DCAT-AP_IT, national licences without SPDX ids).",
        f"// {len(entries)} entries: {counts['licence']} licences ({with_spdx} with an SPDX id, {with_eu} with an EU code), "
        f"{counts['family']} unversioned families,",
        f"// {counts['generic']} generic categories, {counts['placeholder']} placeholder; {alias_count} aliases.",
        "//",
        "// Alias lines are \"<kind>:<key>|<key>…\"; the kind becomes the rule name (`licence.<kind>`). Id keys are",
        "// lower-cased, URL keys are in `LicenceKeys.urlKey` form, text keys in `LicenceKeys.textKey` form. Creative",
        "// Commons, EU authority, SPDX, OSI and Open Definition URLs are also read by their structure.",
        "",
        "extension LicenceTable {",
        f"    static let sources = {swift_string(meta['spdx'] + '; ' + meta['eu'] + '; Open Definition ' + meta['od'])}",
        "",
        "    /// Latin letters with diacritics and their ASCII folding: pairs of (letter, folding), space-separated.",
    ]
    pairs = [f"{k}{v}" for k, v in sorted(FOLD.items())]
    out.append("    static let foldPairs: [String] = [")
    for i in range(0, len(pairs), 36):
        out.append(f"        {swift_string(' '.join(pairs[i:i + 36]))},")
    out += ["    ]", "", "    static let entries: [LicenceEntry] = ["]
    indent = " " * 21
    for e in entries:
        args = [swift_string(e.id), f"spdx: {swift_string(e.spdx) if e.spdx else 'nil'}",
                f"eu: {swift_string(e.eu) if e.eu else 'nil'}", f"kind: .{e.kind}",
                f"family: {swift_string(e.family) if e.family else 'nil'}"]
        head = f"        LicenceEntry({', '.join(args)}, title: {swift_string(e.title)},"
        if len(head) <= 120:
            out.append(head)
        else:
            out.append(f"        LicenceEntry({', '.join(args)},")
            out.append(f"{indent}title: {swift_string(e.title)},")
        strings = [swift_string(line) for line in alias_lines(e)]
        line = f"{indent}aliases: ["
        for i, item in enumerate(strings):
            piece = item + (", " if i < len(strings) - 1 else "")
            if len(line) + len(piece.rstrip()) > 120 and not line.endswith("["):
                out.append(line.rstrip())
                line = indent + "          "
            line += piece
        out.append(line.rstrip() + "]),")
    out += ["    ]", "}", ""]
    return "\n".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    default_vocab = os.environ.get("FEDCAT_VOCAB") or next(
        (str(p) for p in (PROJECT.parent / "shared/vocab", Path("/work/shared/vocab")) if (p / "spdx/licenses.json").exists()),
        str(PROJECT.parent / "shared/vocab"))
    parser.add_argument("--vocab", default=default_vocab)
    parser.add_argument("--out", default=str(OUT))
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    vocab = Path(args.vocab)
    if not (vocab / "spdx/licenses.json").exists():
        print(f"vocabulary not found at {vocab} (set --vocab or FEDCAT_VOCAB)", file=sys.stderr)
        return 2
    table, meta = build(vocab)
    resolve_collisions(table)
    drop_redundant(table)
    text = render(table, meta)
    out = Path(args.out)
    if args.verbose:
        for warning in table.warnings:
            print("note:", warning, file=sys.stderr)
    if args.check:
        same = out.exists() and out.read_text(encoding="utf-8") == text
        print("up to date" if same else f"{out} is out of date")
        return 0 if same else 1
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    print(f"wrote {out}: {len(table.entries)} entries, {text.count(chr(10))} lines, "
          f"{len(table.warnings)} key collisions resolved")
    return 0


if __name__ == "__main__":
    sys.exit(main())
