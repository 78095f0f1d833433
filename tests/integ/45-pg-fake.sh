#!/bin/bash
# SPDX-License-Identifier: MIT
# The PostgreSQL framer against a fake server: the exact SSLRequest bytes,
# and the replies a real server never sends us in the other tests: an
# ErrorResponse (not echoed: CVE-2024-10977), junk, bytes injected after
# the "S" (CVE-2021-23222), and a server that hangs up.
. "$(dirname "$0")/../lib.sh"

start_fake_pg N
S=127.0.0.1:$PORT
check_run "reply N" 2 err="$S: server does not support TLS" \
    -- "$CCHECK" -P --timeout 5 "$S"
# Length 8, then the code 1234 5679 (80877103), big-endian.
got=$(head -n 1 "$FAKE_PG_REQ")
if [ "$got" = 0000000804d2162f ]; then
	ok "SSLRequest bytes"
else
	notok "SSLRequest bytes" "got '$got', want 0000000804d2162f"
fi

start_fake_pg E
S=127.0.0.1:$PORT
check_run "reply E, message not echoed" 2 \
    err="$S: server rejected the SSL request" \
    -- "$CCHECK" -P --timeout 5 "$S"

start_fake_pg X
S=127.0.0.1:$PORT
check_run "reply X" 2 \
    err~="$(re_quote "$S: unexpected reply to SSL request").*" \
    -- "$CCHECK" -P --timeout 5 "$S"

start_fake_pg inject
S=127.0.0.1:$PORT
check_run "bytes injected after S" 2 \
    err~="$(re_quote "$S: server sent data ")[^
]*\(possible injection, CVE-2021-23222\)" \
    -- "$CCHECK" -P --timeout 5 "$S"
check_run "bytes injected after S, --tap" 2 \
    out~="TAP version 13
not ok 1 - $(re_quote "$S server sent data ")[^
]*\(possible injection, CVE-2021-23222\)
1\.\.1" -- "$CCHECK" -P -t --timeout 5 "$S"

start_fake_pg close
S=127.0.0.1:$PORT
check_run "server hangs up" 2 \
    err~="$(re_quote "$S: ")(server closed the connection|unexpected reply to SSL request|connection error).*" \
    maxms=4000 -- "$CCHECK" -P --timeout 5 "$S"

finish
