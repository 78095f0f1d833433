#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""tests/hostile/server.py: a scriptable hostile server for ccheck's tests.

Listens on 127.0.0.1 (a free port chosen by the kernel, written to
PORTFILE once listening) and misbehaves in one way, given by SCENARIO:

  silent      accepts and never sends a byte
  drip        sends the start of a TLS ServerHello, one byte per second
  garbage     answers SSLRequest with bytes that mean nothing
  e-endless   answers SSLRequest with 'E' and a message that never ends
              (a length of 2 GiB, then bytes as fast as the client reads)
  s-close     answers SSLRequest with 'S', then closes
  s-inject    answers SSLRequest with 'S' and, in the same segment, the
              start of a TLS record (CVE-2021-23222)
  alert       reads the ClientHello, answers with a fatal TLS alert
              (handshake_failure)
  junk        reads what the client sends (a ClientHello, or the
              SSLRequest of a fallback), answers with bytes that are no
              protocol at all
  reset       reads the ClientHello, then resets the connection
              (SO_LINGER 0: an RST, not a FIN)
  tls         a real TLS server (python's ssl): --cert FILE (leaf first,
              then every certificate to send) and --key FILE; used for
              the 50-certificate chain, the 100 KB certificate and the
              certificate with malformed extensions

For every scenario, --pg first reads an 8-byte SSLRequest and answers 'S'
(the SSLRequest scenarios always read it).  Everything is bounded in time:
each connection ends after --conn-seconds (default 15) and the server
exits after --seconds (default 60), whatever the client does.  Standard
library only.

usage: server.py SCENARIO PORTFILE [--pg] [--cert F --key F] [--seconds N]
"""
import argparse
import os
import socket
import ssl
import struct
import sys
import threading
import time

SSLREQUEST = bytes.fromhex("0000000804d2162f")
# A TLS 1.2 ServerHello record header and the start of its body: a client
# that waits for the rest must give up at its own deadline.
SERVER_HELLO_START = bytes.fromhex("160303003102000031030300")
# alert(21), TLS 1.2, length 2: fatal(2) handshake_failure(40).
ALERT = bytes.fromhex("15030300020228")
# Not a TLS record (type 0), nor anything else.
JUNK = b"\x00\xffjunk\r\n\x7f"


def recv_exact(c, n, deadline):
    data = b""
    while len(data) < n and time.monotonic() < deadline:
        try:
            b = c.recv(n - len(data))
        except socket.timeout:
            continue
        if not b:
            break
        data += b
    return data


def recv_some(c, deadline):
    """One read of what the client sent (a ClientHello), bounded."""
    while time.monotonic() < deadline:
        try:
            return c.recv(65536)
        except socket.timeout:
            continue
    return b""


def hold(c, deadline):
    """Keep the connection open, reading and dropping, until the client
    closes or the deadline passes."""
    while time.monotonic() < deadline:
        try:
            if not c.recv(65536):
                return
        except socket.timeout:
            continue
        except OSError:
            return


def serve(c, a, deadline):
    c.settimeout(0.2)
    sc = a.scenario
    if a.pg or sc in ("garbage", "e-endless", "s-close", "s-inject"):
        if recv_exact(c, 8, deadline) != SSLREQUEST:
            return
        if sc == "garbage":
            c.sendall(b"\x00\xffgarbage\r\n\x7f")
            hold(c, deadline)
            return
        if sc == "e-endless":
            c.sendall(b"E" + struct.pack(">I", 0x7FFFFFFF))
            chunk = b"SFATAL\0" * 1024
            while time.monotonic() < deadline:
                try:
                    c.send(chunk)
                except socket.timeout:
                    continue
                except OSError:
                    return
            return
        if sc == "s-inject":
            c.sendall(b"S" + SERVER_HELLO_START)
            hold(c, deadline)
            return
        c.sendall(b"S")
        if sc == "s-close":
            return
    if sc == "silent":
        hold(c, deadline)
    elif sc == "drip":
        for b in SERVER_HELLO_START:
            if time.monotonic() >= deadline:
                return
            try:
                c.sendall(bytes([b]))
            except OSError:
                return
            time.sleep(1)
        hold(c, deadline)
    elif sc == "alert":
        recv_some(c, deadline)
        c.sendall(ALERT)
        hold(c, deadline)
    elif sc == "junk":
        recv_some(c, deadline)
        c.sendall(JUNK)
        hold(c, deadline)
    elif sc == "reset":
        recv_some(c, deadline)
        c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                     struct.pack("ii", 1, 0))
    elif sc == "tls":
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.minimum_version = ssl.TLSVersion.TLSv1_2
        ctx.maximum_version = ssl.TLSVersion.TLSv1_2
        ctx.load_cert_chain(a.cert, a.key)
        c.settimeout(max(0.1, deadline - time.monotonic()))
        try:
            s = ctx.wrap_socket(c, server_side=True)
            s.recv(1)
            s.close()
        except (OSError, ssl.SSLError):
            pass


def handle(c, a):
    try:
        serve(c, a, time.monotonic() + a.conn_seconds)
    except OSError:
        pass
    finally:
        c.close()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("scenario", choices=[
        "silent", "drip", "garbage", "e-endless", "s-close", "s-inject",
        "alert", "junk", "reset", "tls"])
    p.add_argument("portfile")
    p.add_argument("--pg", action="store_true")
    p.add_argument("--cert")
    p.add_argument("--key")
    p.add_argument("--seconds", type=float, default=60)
    p.add_argument("--conn-seconds", type=float, default=15)
    a = p.parse_args()
    if a.scenario == "tls" and not (a.cert and a.key):
        p.error("tls needs --cert and --key")

    ls = socket.socket()
    ls.bind(("127.0.0.1", 0))
    ls.listen(64)
    ls.settimeout(0.2)
    tmp = a.portfile + ".tmp"
    with open(tmp, "w") as f:
        f.write("%d\n" % ls.getsockname()[1])
    os.rename(tmp, a.portfile)
    end = time.monotonic() + a.seconds
    while time.monotonic() < end:
        try:
            c, _ = ls.accept()
        except socket.timeout:
            continue
        threading.Thread(target=handle, args=(c, a), daemon=True).start()
    return 0


if __name__ == "__main__":
    sys.exit(main())
