#!/usr/bin/env python3
"""Serves the CKAN package_search pages written by ../shared/bench/gen.py over loopback HTTP.

Static files, so the server costs next to nothing and the harvest is what gets measured.
usage: ckan_pages_server.py PAGES_DIR PORT_FILE   (page size must be gen.py's, 1000 by default)
"""
import http.server
import json
import os
import sys
import urllib.parse

pages, port_file = sys.argv[1], sys.argv[2]
page_size = len(json.load(open(os.path.join(pages, "page-00000.json")))["result"]["results"])


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        query = urllib.parse.parse_qs(urllib.parse.urlparse(self.path).query)
        start = int(query.get("start", ["0"])[0])
        path = os.path.join(pages, "page-%05d.json" % (start // page_size))
        if start % page_size == 0 and os.path.exists(path):
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
