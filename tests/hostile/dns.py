#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""tests/hostile/dns.py: a scriptable hostile DNS server for ccheck's tests.

Listens on UDP ADDR port 53 and answers every query in one bad way, given
by SCENARIO:

  silent      reads queries, never answers
  wrong-id    the right answer, with the id changed
  wrong-port  the right answer, sent from another port of ADDR
  wrong-addr  the right answer, sent from ALT (another loopback address)
  question    the right id, another question in the answer
  loop        the right question; the answer's owner is a compression
              pointer to itself
  forward     the right question; a compression pointer that points ahead
  cut         the right question; ANCOUNT 1 and a record cut in half
  counts      the right question; ANCOUNT 65535 and one whole record
  rdlen       the right question; an A record whose RDATA is 3 bytes
  cname-loop  the right question; a CNAME chain a -> b -> a
  garbage     random bytes of random length
  tc-empty    TC set, no records (what a truncated answer may carry)

Touched is written to READY once the socket is bound.  The server exits
after --seconds (default 60).  With --log FILE, the name each query asks
for is appended to FILE, one a line (a test that no query is sent).
Standard library only.

usage: dns.py SCENARIO ADDR READY [--alt ADDR2] [--seconds N] [--log FILE]
"""
import argparse
import os
import socket
import struct
import time


def question_end(q):
    """Offset just past the question of query q (no compression in it)."""
    i = 12
    while q[i] != 0:
        i += 1 + q[i]
    return i + 1 + 4


def qname(q):
    """The question's name as text, labels joined by '.'."""
    i, labels = 12, []
    while i < len(q) and q[i] != 0:
        labels.append(q[i + 1:i + 1 + q[i]].decode("ascii", "replace"))
        i += 1 + q[i]
    return ".".join(labels)


def answer(q, scenario):
    qid = q[:2]
    qend = question_end(q)
    question = q[12:qend]
    qtype = struct.unpack(">H", q[qend - 4:qend - 2])[0]
    rdata = b"\x7f\x00\x00\x01" if qtype == 1 else b"\x00" * 15 + b"\x01"

    def hdr(flags, an, ident=qid, qd=1):
        return ident + struct.pack(">HHHHH", flags, qd, an, 0, 0)

    ok = 0x8180
    rr_ptr = b"\xc0\x0c" + struct.pack(">HHIH", qtype, 1, 60, len(rdata))
    if scenario in ("wrong-id", "wrong-port", "wrong-addr"):
        ident = qid
        if scenario == "wrong-id":
            ident = bytes([q[0], q[1] ^ 0x5a])
        return hdr(ok, 1, ident) + question + rr_ptr + rdata
    if scenario == "question":
        other = b"\x05other\x04test\x00" + q[qend - 4:qend]
        return hdr(ok, 1) + other + rr_ptr + rdata
    base = len(hdr(ok, 1)) + len(question)
    if scenario == "loop":
        owner = struct.pack(">H", 0xc000 | base)
        return (hdr(ok, 1) + question + owner +
                struct.pack(">HHIH", qtype, 1, 60, len(rdata)) + rdata)
    if scenario == "forward":
        owner = struct.pack(">H", 0xc000 | (base + 40))
        return (hdr(ok, 1) + question + owner +
                struct.pack(">HHIH", qtype, 1, 60, len(rdata)) + rdata +
                b"\x00" * 60)
    if scenario == "cut":
        return hdr(ok, 1) + question + rr_ptr[:7]
    if scenario == "counts":
        return hdr(ok, 65535) + question + rr_ptr + rdata
    if scenario == "rdlen":
        return (hdr(ok, 1) + question + b"\xc0\x0c" +
                struct.pack(">HHIH", qtype, 1, 60, 3) + b"\x7f\x00\x00")
    if scenario == "cname-loop":
        a = b"\x01a\x04test\x00"
        b = b"\x01b\x04test\x00"
        r1 = b"\xc0\x0c" + struct.pack(">HHIH", 5, 1, 60, len(a)) + a
        r2 = a + struct.pack(">HHIH", 5, 1, 60, len(b)) + b
        r3 = b + struct.pack(">HHIH", 5, 1, 60, len(a)) + a
        return hdr(ok, 3) + question + r1 + r2 + r3
    if scenario == "garbage":
        return os.urandom(1 + os.urandom(1)[0])
    if scenario == "tc-empty":
        return hdr(0x8380, 0) + question
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("scenario")
    ap.add_argument("addr")
    ap.add_argument("ready")
    ap.add_argument("--alt", default="127.0.0.3")
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--log")
    a = ap.parse_args()
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind((a.addr, 53))
    other = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    if a.scenario == "wrong-addr":
        other.bind((a.alt, 53))
    else:
        other.bind((a.addr, 0))
    with open(a.ready, "w") as f:
        f.write("ready\n")
    end = time.monotonic() + a.seconds
    while time.monotonic() < end:
        s.settimeout(max(0.1, end - time.monotonic()))
        try:
            q, peer = s.recvfrom(4096)
        except socket.timeout:
            continue
        if a.log:
            with open(a.log, "a") as f:
                f.write(qname(q) + "\n")
        if a.scenario == "silent" or len(q) < 17:
            continue
        try:
            r = answer(q, a.scenario)
        except (IndexError, struct.error):
            continue
        if r is None:
            continue
        if a.scenario in ("wrong-port", "wrong-addr"):
            other.sendto(r, peer)
        else:
            s.sendto(r, peer)


if __name__ == "__main__":
    main()
