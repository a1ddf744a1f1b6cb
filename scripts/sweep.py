#!/usr/bin/env python3
"""Reliability sweep: every file of the third-party corpus harvested by fedcat over loopback HTTP.

usage: scripts/sweep.py BIN_DIR [--update] [--only SUBSTRING] [--jobs N]

The corpus is read from $FEDCAT_CORPUS, else ../shared/corpus beside the project; when it is absent the sweep
says it skipped and exits 0. `sample-portal --sweep CORPUS` serves each file at /sweep/KIND/CATEGORY/NAME/, as the
answer to whatever endpoint the kind asks for. For each file, in a scratch root and database of its own and in
subprocesses limited in time (a timeout) and address space (`ulimit -v`):
    fedcat source add URL --kind KIND --id s --force   (sweep options: no retries, external hosts unreachable)
    fedcat harvest s --json                    twice: a first and a repeated run
    fedcat show s/<id> --json                  for the first 20 stored records: it decodes and has a title
Checked: no crash (signal), no hang (timeout), no exit code but 0 (harvested) or 1 (the source failed), nothing
on stderr that looks like an uncaught error (Fatal error, backtrace), the second run keeps the records; a file in
bad/ must be refused (run failed) or flagged (a warning or error issue). The outcome (status, record count, issue
codes, failure class) is compared with sweep/expected.tsv; any difference fails the sweep (--update rewrites it).
Exit codes: 0 all as expected (or skipped), 1 a regression or a crash/hang/leak, 64 bad usage.
"""
import concurrent.futures
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXPECTED = os.path.join(ROOT, "sweep", "expected.tsv")
COLUMNS = ["category", "file", "kind", "status", "records", "failure", "codes"]
TIME_LIMIT = 120           # seconds per fedcat process
MEMORY_LIMIT = 4 << 30     # bytes of address space per fedcat process
UNCAUGHT = ("Fatal error", "fatalError", "Backtrace", "Segmentation fault", "Illegal instruction",
            "uncaught", "Uncaught", "Abort", "terminated by signal", "Current stack trace")


def kind_of(category, name):
    """The harvester kind a file's category (and, for mixed folders, its name) implies."""
    lower = name.lower()
    fixed = {"ckan": "ckan", "datajson": "datajson", "dcat_jsonld": "dcat", "dcat_rdfxml": "dcat",
             "dcat_turtle": "dcat", "csw": "csw", "oaipmh": "oaipmh", "atom_rss": "atom"}
    if category in fixed:
        return fixed[category]
    if lower.endswith((".ttl", ".rdf", ".nt")) or "oai_ore" in lower or lower.startswith("piveau_"):
        return "dcat"
    if lower.startswith(("socrata_",)):
        return "socrata"
    if lower.startswith(("ods_",)):
        return "opendatasoft"
    if lower.startswith(("udata_",)):
        return "udata"
    if lower.startswith(("arcgis-hub_", "gsa_", "datagov-harvester_", "geodatagov_cfpb")):
        return "datajson"
    if lower.startswith(("magda_tern", "ckanext-spatial_", "geodatagov_iso")):
        return "csw"
    if lower.startswith(("sickle_", "pyoai_", "arxiv_", "derived_httpbun")) or \
            (lower.endswith(".xml") and lower.startswith(("datacite_", "dataverse_"))):
        return "oaipmh"
    if lower.startswith(("feedparser_", "defusedxml_")):
        return "atom"
    if lower.endswith((".json", ".jsonld")):
        return "schemaorg"
    return "dcat"


def url_for(base, kind, category, name):
    """The source URL: the file's sweep prefix, shaped as the kind expects its endpoint."""
    prefix = f"{base}/sweep/{kind}/{category}/{name}"
    if kind == "socrata" and "views" in name:
        return prefix + "/api/views/abcd-1234.json"
    return prefix + "/"


OPTIONS = {"oaipmh": ["metadata_prefix=oai_dc"], "ckan": ["incremental=false"]}


def fedcat(bin_dir, root, args):
    started = time.monotonic()
    env = dict(os.environ)
    env.pop("FEDCAT_DB", None)
    # Links to hosts outside the loopback (next pages, dataset feeds, sitemap pages) fail at once, the same way
    # on every machine, instead of reaching the internet.
    for var in ("http_proxy", "https_proxy", "HTTPS_PROXY", "ALL_PROXY", "all_proxy"):
        env[var] = "http://127.0.0.1:9"
    env["no_proxy"] = env["NO_PROXY"] = "127.0.0.1,localhost"
    try:
        # `ulimit -v` in a shell that then becomes fedcat (exec), so the timeout kills fedcat itself.
        limited = ["sh", "-c", f'ulimit -v {MEMORY_LIMIT // 1024} && exec "$0" "$@"', os.path.join(bin_dir, "fedcat")]
        done = subprocess.run(limited + args + ["--db", os.path.join(root, "fedcat.db"), "--root", root],
                              cwd=root, env=env, capture_output=True, timeout=TIME_LIMIT)
    except subprocess.TimeoutExpired:
        return None, "", f"hang: no answer after {TIME_LIMIT} s", time.monotonic() - started
    return done.returncode, done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8", "replace"), \
        time.monotonic() - started


def failure_class(error):
    if not error:
        return "-"
    for marker, name in (("could not be read", "bad-response"), ("answered", "portal-error"),
                         ("paging stopped", "paging"), ("was stopped", "stopped"), ("option ", "bad-source")):
        if marker in error:
            return name
    return "fetch"


def sweep_one(bin_dir, base, category, name):
    kind = kind_of(category, name)
    row = {"category": category, "file": name, "kind": kind, "status": "-", "records": "0", "failure": "-",
           "codes": "-", "problems": [], "seconds": 0.0, "error": ""}
    root = tempfile.mkdtemp(prefix="fedcat-sweep-")
    try:
        # --force: the file is written even when the preview fails, so the harvest itself meets the file.
        args = ["source", "add", url_for(base, kind, category, name), "--kind", kind, "--id", "s", "--force",
                "--option", "retries=0", "--option", "timeout=30"]
        for option in OPTIONS.get(kind, []):
            args += ["--option", option]
        code, _, err, seconds = fedcat(bin_dir, root, args)
        row["seconds"] += seconds
        if code != 0:
            row["problems"].append(f"source add exited {code}: {err.strip()[:200]}")
            return row
        counts = []
        for attempt in (1, 2):
            code, out, err, seconds = fedcat(bin_dir, root, ["harvest", "s", "--json", "--quiet"])
            row["seconds"] += seconds
            if code is None:
                row["problems"].append(f"harvest run {attempt}: {err}")
                return row
            if code < 0:
                row["problems"].append(f"harvest run {attempt} crashed with signal {-code}: {err.strip()[-300:]}")
                return row
            if code not in (0, 1):
                row["problems"].append(f"harvest run {attempt} exited {code}: {err.strip()[-300:]}")
            leaked = [marker for marker in UNCAUGHT if marker in err]
            if leaked:
                row["problems"].append(f"harvest run {attempt} printed '{leaked[0]}' on stderr: {err.strip()[-300:]}")
            try:
                report = json.loads(out)[0]
            except (ValueError, IndexError, KeyError) as error:
                row["problems"].append(f"harvest run {attempt}: --json output unreadable ({error}): {out[:200]}")
                return row
            if attempt == 1:
                row["status"] = report["status"]
                row["error"] = report.get("error", "")
                row["failure"] = failure_class(report.get("error"))
            db = sqlite3.connect(os.path.join(root, "fedcat.db"))
            try:
                ids = [r[0] for r in db.execute("SELECT local_id FROM records WHERE source_id = 's' ORDER BY local_id")]
                if attempt == 1:
                    codes = sorted({r[0] for r in db.execute(
                        "SELECT code FROM record_issues WHERE severity IN ('error', 'warning') AND run_id = ?",
                        (report.get("run"),))})
                    row["codes"] = ",".join(codes) or "-"
                    row["records"] = str(len(ids))
            finally:
                db.close()
            counts.append(len(ids))
        if counts[1] < counts[0]:
            row["problems"].append(f"the second run lost records: {counts[0]} then {counts[1]}")
        for local_id in ids[:20]:
            code, out, err, seconds = fedcat(bin_dir, root, ["show", f"s/{local_id}", "--json"])
            row["seconds"] += seconds
            if code != 0:
                row["problems"].append(f"show s/{local_id} exited {code}: {err.strip()[:200]}")
                break
            try:
                shown = json.loads(out)
            except ValueError as error:
                row["problems"].append(f"show s/{local_id} --json unreadable: {error}")
                break
            title = shown.get("title") if isinstance(shown, dict) else None
            if not (isinstance(title, dict) and title.get("value")):
                row["problems"].append(f"show s/{local_id}: a record without a title")
                break
        # A file of bad/ read without a warning or an error is a finding, kept in the baseline, not a failure.
        row["silent"] = category == "bad" and row["status"] != "failed" and row["codes"] == "-"
        return row
    finally:
        shutil.rmtree(root, ignore_errors=True)


def read_manifest(corpus):
    rows = []
    with open(os.path.join(corpus, "MANIFEST.tsv"), encoding="utf-8") as handle:
        for line in handle:
            fields = line.rstrip("\n").split("\t")
            if len(fields) >= 2 and os.path.isfile(os.path.join(corpus, fields[0], fields[1])):
                rows.append((fields[0], fields[1]))
    return rows


def read_expected():
    if not os.path.exists(EXPECTED):
        return {}
    expected = {}
    with open(EXPECTED, encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or not line.strip():
                continue
            fields = line.rstrip("\n").split("\t")
            if fields[0] == "category":
                continue
            expected[(fields[0], fields[1])] = dict(zip(COLUMNS, fields))
    return expected


def main(argv):
    if not argv or argv[0].startswith("-"):
        print(__doc__, file=sys.stderr)
        return 64
    bin_dir, update, only, jobs = os.path.abspath(argv[0]), "--update" in argv, None, 2
    if "--only" in argv:
        only = argv[argv.index("--only") + 1]
    if "--jobs" in argv:
        jobs = int(argv[argv.index("--jobs") + 1])
    corpus = os.environ.get("FEDCAT_CORPUS") or os.path.join(ROOT, "..", "shared", "corpus")
    if not os.path.isfile(os.path.join(corpus, "MANIFEST.tsv")):
        print(f"sweep: SKIPPED: no corpus at {os.path.abspath(corpus)} (set FEDCAT_CORPUS to its folder)")
        return 0
    corpus = os.path.abspath(corpus)
    files = [f for f in read_manifest(corpus) if only is None or only in f[0] + "/" + f[1]]
    started = time.monotonic()
    scratch = tempfile.mkdtemp(prefix="fedcat-sweep-server-")
    port_file = os.path.join(scratch, "port")
    server = subprocess.Popen([os.path.join(bin_dir, "sample-portal"), "--sweep", corpus, "--port-file", port_file],
                              stderr=subprocess.DEVNULL)
    try:
        for _ in range(200):
            if os.path.exists(port_file):
                break
            time.sleep(0.05)
        with open(port_file) as handle:
            base = f"http://127.0.0.1:{handle.read().strip()}"
        with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
            results = list(pool.map(lambda f: sweep_one(bin_dir, base, f[0], f[1]), files))
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(scratch, ignore_errors=True)
    elapsed = time.monotonic() - started
    return report(results, read_expected(), update, only is None, elapsed)


def report(results, expected, update, whole, elapsed):
    regressions, problems = [], []
    print(f"{'file':<62} {'kind':<12} {'status':<9} {'recs':>5} {'failure':<12} issue codes")
    for row in results:
        key = (row["category"], row["file"])
        mark = " "
        if row["problems"]:
            mark = "!"
            problems += [f"{row['category']}/{row['file']}: {p}" for p in row["problems"]]
        before = expected.get(key)
        if before is None:
            if not update:
                mark = "?"
                regressions.append(f"{row['category']}/{row['file']}: not in {os.path.relpath(EXPECTED, ROOT)}")
        else:
            changed = [c for c in COLUMNS[2:] if before.get(c) != row[c]]
            if changed and not update:
                mark = "x"
                regressions.append(f"{row['category']}/{row['file']}: " + "; ".join(
                    f"{c} {before.get(c)} -> {row[c]}" for c in changed))
        name = f"{row['category']}/{row['file']}"
        print(f"{mark}{name[:61]:<61} {row['kind']:<12} {row['status']:<9} {row['records']:>5} {row['failure']:<12} "
              f"{row['codes'][:90]}")
    totals = {}
    for row in results:
        totals[row["status"]] = totals.get(row["status"], 0) + 1
    records = sum(int(row["records"]) for row in results)
    print(f"\nsweep: {len(results)} files in {elapsed:.0f} s: "
          + ", ".join(f"{n} {s}" for s, n in sorted(totals.items())) + f"; {records} records")
    for row in results:
        if row.get("silent"):
            print(f"NOTE bad/{row['file']}: read without any warning or error ({row['records']} records)")
    for row in results:
        if row["status"] == "failed" and row["category"] != "bad":
            print(f"FAILED {row['category']}/{row['file']} ({row['kind']}): {row['error'][:240]}")
    for problem in problems:
        print(f"PROBLEM {problem}")
    for regression in regressions:
        print(f"REGRESSION {regression}")
    if update:
        if not whole:
            print("sweep: --update needs the whole corpus (no --only)", file=sys.stderr)
            return 64
        os.makedirs(os.path.dirname(EXPECTED), exist_ok=True)
        header = [
            "# The reliability sweep's baseline (scripts/sweep.py --update), reviewed by hand.\n",
            "# failure: the class of a failed run's error; codes: warning and error issue codes of the run.\n",
        ]
        # Notes written by hand into the baseline's header survive an update.
        if os.path.exists(EXPECTED):
            with open(EXPECTED, encoding="utf-8") as old:
                header += [line for line in old if line.startswith("#") and line not in header]
        with open(EXPECTED, "w", encoding="utf-8") as handle:
            handle.writelines(header)
            handle.write("\t".join(COLUMNS) + "\n")
            for row in results:
                handle.write("\t".join(row[c] for c in COLUMNS) + "\n")
        print(f"sweep: wrote {os.path.relpath(EXPECTED, ROOT)}")
    if problems or regressions:
        print(f"sweep: FAILED: {len(problems)} problems, {len(regressions)} differences from the baseline")
        return 1
    print("sweep: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
