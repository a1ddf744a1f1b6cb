#!/usr/bin/env python3
"""Serves the CKAN package_search pages written by ../shared/bench/gen.py over loopback HTTP.

Static files, so the server costs next to nothing and the harvest is what gets measured.
usage: ckan_pages_server.py PAGES_DIR PORT_FILE [PARTS]   (page size must be gen.py's, 1000 by default)

With PARTS, the pages are split into that many consecutive portals: /p<k>/api/3/action/package_search serves
part k (0-based) from its own start=0, so a large corpus can be harvested as several sources.
"""
import http.server
import json
import os
import sys
import urllib.parse

pages, port_file = sys.argv[1], sys.argv[2]
page_size = len(json.load(open(os.path.join(pages, "page-00000.json")))["result"]["results"])
parts = int(sys.argv[3]) if len(sys.argv) > 3 else 1
total_pages = len([name for name in os.listdir(pages) if name.startswith("page-")])
pages_per_part = -(-total_pages // parts)


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        url = urllib.parse.urlparse(self.path)
        query = urllib.parse.parse_qs(url.query)
        start = int(query.get("start", ["0"])[0])
        first, last = 0, total_pages
        segment = url.path.strip("/").split("/")[0]
        if parts > 1 and segment.startswith("p") and segment[1:].isdigit():
            first = int(segment[1:]) * pages_per_part
            last = min(first + pages_per_part, total_pages)
        number = first + start // page_size
        path = os.path.join(pages, "page-%05d.json" % number)
        if start % page_size == 0 and number < last and os.path.exists(path):
            body = open(path, "rb").read()
        else:
            body = b'{"success": true, "result": {"count": 0, "results": []}}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
with open(port_file + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
os.rename(port_file + ".tmp", port_file)
server.serve_forever()
