#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""tests/peers/dialog.py: scripted servers for the STARTTLS tests.

usage: dialog.py READY_FILE NAME:PORT:SCRIPT_FILE...

Listens on 127.0.0.1:PORT for each NAME and plays SCRIPT_FILE to every
client, one connection at a time per listener (a thread each).  Touches
READY_FILE once all listen.  What each client sent is appended to
SCRIPT_FILE.got, one line per connection, as Python bytes repr, so a
test can assert exactly what ccheck put on the wire.

Script lines (blank lines and lines starting with # are skipped):
  > TEXT       send TEXT; \\r \\n \\xHH and \\\\ are decoded
  <            read one line from the client (up to LF)
  <N COUNT     read COUNT bytes
  repeat N > TEXT   send TEXT N times (endless continuation lines)
  tls CERT KEY  TLS handshake as a server (Python's ssl), then wait for
               the client to close
  close        close now (also the end of the script)
After the script the connection is held until the client closes.
"""
import codecs
import socket
import ssl
import sys
import threading


def decode(text):
    return codecs.escape_decode(text.encode("latin-1"))[0]


def play(conn, steps, got):
    f = conn.makefile("rb")
    for step in steps:
        if step.startswith("> "):
            conn.sendall(decode(step[2:]))
        elif step == "<":
            got.extend(f.readline(65536))
        elif step.startswith("<N "):
            got.extend(f.read(int(step[3:])))
        elif step.startswith("repeat "):
            n, rest = step[7:].split(" ", 1)
            data = decode(rest[2:])
            for _ in range(int(n)):
                conn.sendall(data)
        elif step.startswith("tls "):
            cert, key = step[4:].split(" ")
            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            ctx.load_cert_chain(cert, key)
            conn = ctx.wrap_socket(conn, server_side=True)
            f = conn.makefile("rb")
        elif step == "close":
            return
    while True:
        b = f.read1(4096)
        if not b:
            return
        got.extend(b)


def serve(sock, script):
    steps = [l.rstrip("\n") for l in open(script, encoding="latin-1")
             if l.strip() and not l.startswith("#")]
    while True:
        conn, _ = sock.accept()
        conn.settimeout(10)
        got = bytearray()
        try:
            play(conn, steps, got)
        except OSError:
            pass
        with open(script + ".got", "a") as out:
            out.write(repr(bytes(got)) + "\n")
        try:
            conn.close()
        except OSError:
            pass


def main():
    ready = sys.argv[1]
    for arg in sys.argv[2:]:
        name, port, script = arg.split(":", 2)
        s = socket.socket()
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("127.0.0.1", int(port)))
        s.listen(16)
        threading.Thread(target=serve, args=(s, script), daemon=True).start()
    open(ready, "w").close()
    threading.Event().wait()


main()
