#!/bin/bash
# SPDX-License-Identifier: MIT
# XMPP STARTTLS (stream header to the SPEC's name, <starttls/>,
# <proceed/>) against Prosody (Debian's prosody) on a free port with its
# own configuration under $T; a name Prosody does not host gets its
# host-unknown stream error; without mod_tls no STARTTLS is offered.
. "$(dirname "$0")/../lib.sh"
. "$TESTS_DIR/peers/daemons.sh"
pki_make
start_prosody tls yes
P=$XMPP_PORT A=127.0.0.1
check_run "xmpp://localhost" 0 out="xmpp://localhost:$P: ok, expires in 100 days" \
    -- "$CCHECK" -r "$ROOT" "xmpp://localhost:$P"
check_run "xmpp: addr(name)" 0 \
    out="xmpp://$A(localhost):$P: ok, expires in 100 days" \
    -- "$CCHECK" -r "$ROOT" "xmpp://$A(localhost):$P"
check_run "--starttls=xmpp" 0 out="localhost:$P: ok, expires in 100 days" \
    -- "$CCHECK" -r "$ROOT" --starttls=xmpp "localhost:$P"
check_run "xmpp: a domain Prosody does not host" 2 \
    err~="xmpp://$A:$P: unexpected reply from server: \"<stream:error><host-unknown xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>.*\"" \
    -- "$CCHECK" -r "$ROOT" "xmpp://$A:$P"

start_prosody plain no
P=$XMPP_PORT
check_run "no mod_tls: no STARTTLS" 2 \
    err~="xmpp://localhost:$P: server does not offer STARTTLS: \"<stream:features>.*\"" \
    -- "$CCHECK" -r "$ROOT" "xmpp://localhost:$P"
finish
