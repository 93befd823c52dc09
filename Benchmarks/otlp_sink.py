#!/usr/bin/env python3
"""A collector stub for measuring tracing's overhead: accepts OTLP/HTTP exports on PORT and
answers 200 without decoding them (a real collector's cost is not the server's). On SIGTERM it
prints how many exports and bytes it took, to show the spans really left the server.

Usage: Benchmarks/otlp_sink.py PORT"""
import signal
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

received = {"exports": 0, "bytes": 0}


class Sink(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        size = int(self.headers.get("Content-Length", 0))
        self.rfile.read(size)
        received["exports"] += 1
        received["bytes"] += size
        self.send_response(200)
        self.send_header("Content-Type", "application/x-protobuf")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def stop(*_):
    print(f"exports={received['exports']} bytes={received['bytes']}", flush=True)
    sys.exit(0)


signal.signal(signal.SIGTERM, stop)
ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Sink).serve_forever()
