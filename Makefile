# SPDX-License-Identifier: MIT
# ccheck: one GNU make file.  TARGET selects toolchain/$(TARGET).mk; every
# output goes to build/$(TARGET).  BearSSL is built from its verified
# source (third_party/) by its own Makefile, once per target.

TARGET ?= x86_64-linux-musl
include toolchain/$(TARGET).mk

B      = build/$(TARGET)
HB     = build/host
BRSRC  = build/src/bearssl
CA_BUNDLE ?= /etc/ssl/certs/ca-certificates.crt
STRIP  = $(CROSS)strip
AR     = $(CROSS)ar
HOSTCC ?= cc
HOSTCFLAGS ?= -O2
SIZE_BUDGET = 262144

ifeq ($(V),1)
Q =
else
Q = @
endif

# No unwind tables: C without exceptions never unwinds; they were 16 KB.
NO_UNWIND = -fno-asynchronous-unwind-tables -fno-unwind-tables
WARN = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
       -Wpointer-arith -Wcast-qual -Wwrite-strings -Wvla -Wformat=2
CFLAGS_ALL = -std=c11 -D_DEFAULT_SOURCE -Os $(NO_UNWIND) -ffunction-sections \
       -fdata-sections -fstack-protector-strong \
       -ffile-prefix-map=$(CURDIR)=. $(WARN) -I$(BRSRC)/inc -Isrc -I$(B) \
       -MMD -MP $(CPPFLAGS) $(CFLAGS)
LDFLAGS_ALL = -static -Wl,--gc-sections -Wl,--build-id=none $(LDFLAGS)
BR_CFLAGS_ALL = -Os $(NO_UNWIND) -ffunction-sections -fdata-sections \
       -ffile-prefix-map=$(CURDIR)=. $(BR_CFLAGS) $(CFLAGS)

SRC  = $(sort $(wildcard src/*.c))
OBJ  = $(SRC:src/%.c=$(B)/%.o) $(B)/anchors.o
UNIT = $(patsubst tests/unit/%.c,$(B)/unit/%,$(sort $(wildcard tests/unit/test_*.c)))

all: $(B)/ccheck

# ---- BearSSL: verified source once, objects per target -----------------
# Build tools come from Debian's packages; installed once when missing.
build/.deps:
	$(Q)third_party/debian-deps --build
	$(Q)mkdir -p build && touch $@

$(BRSRC)/.ok: | build/.deps
	$(Q)third_party/fetch-bearssl $(BRSRC)
	$(Q)touch $@

$(B)/bearssl/libbearssl.a: $(BRSRC)/.ok toolchain/$(TARGET).mk
	$(Q)mkdir -p $(B)/bearssl
	$(Q)$(MAKE) -s -C $(BRSRC) lib CC='$(CC)' AR='$(AR)' ARFLAGS=-rcsD \
	    CFLAGS='$(BR_CFLAGS_ALL)' BUILD='$(CURDIR)/$(B)/bearssl' >/dev/null
	@echo "  BEARSSL $@"

$(HB)/bearssl/libbearssl.a: $(BRSRC)/.ok
	$(Q)mkdir -p $(HB)/bearssl
	$(Q)$(MAKE) -s -C $(BRSRC) lib CC='$(HOSTCC)' ARFLAGS=-rcsD \
	    CFLAGS='$(HOSTCFLAGS)' BUILD='$(CURDIR)/$(HB)/bearssl' >/dev/null
	@echo "  BEARSSL $@"

# ---- trust anchors: generated on the build host, compiled in ------------
MKANCHORS_SRC = src/host/mkanchors.c src/x509.c src/x509_cert.c \
    src/x509_name.c src/der.c src/pem.c src/err.c
$(HB)/mkanchors: $(MKANCHORS_SRC) $(HB)/bearssl/libbearssl.a
	@echo "  HOSTCC  $@"
	$(Q)$(HOSTCC) $(HOSTCFLAGS) -std=c11 -D_DEFAULT_SOURCE -Isrc \
	    -I$(BRSRC)/inc -o $@ $(MKANCHORS_SRC) $(HB)/bearssl/libbearssl.a

$(B)/anchors.c: $(HB)/mkanchors $(CA_BUNDLE)
	@echo "  GEN     $@"
	$(Q)mkdir -p $(B)
	$(Q)LC_ALL=C $(HB)/mkanchors $(CA_BUNDLE) >$@.tmp && mv $@.tmp $@

# ---- ccheck ---------------------------------------------------------------
$(B)/version.h: FORCE
	$(Q)mkdir -p $(B)
	$(Q)v=$$(git describe --always --dirty 2>/dev/null || echo unknown); \
	    echo "#define CK_VERSION \"$$v\"" >$@.tmp; \
	    cmp -s $@.tmp $@ && rm -f $@.tmp || mv $@.tmp $@

$(B)/%.o: src/%.c $(B)/bearssl/libbearssl.a $(B)/version.h
	@echo "  CC      $@"
	$(Q)$(CC) $(CFLAGS_ALL) -c -o $@ $<

$(B)/anchors.o: $(B)/anchors.c
	@echo "  CC      $@"
	$(Q)$(CC) $(CFLAGS_ALL) -c -o $@ $<

$(B)/ccheck.full: $(OBJ) $(B)/bearssl/libbearssl.a
	@echo "  LD      $@"
	$(Q)$(CC) $(LDFLAGS_ALL) -Wl,-Map=$(B)/ccheck.map -o $@ $(OBJ) \
	    $(B)/bearssl/libbearssl.a

$(B)/ccheck: $(B)/ccheck.full
	$(Q)$(STRIP) -o $@ $<
	@echo "  STRIP   $@ ($$(wc -c <$@) bytes)"

# ---- tests ------------------------------------------------------------------
# A unit test links its module, err.c and what that module needs below it.
$(B)/unit/%: tests/unit/%.c $(OBJ) $(B)/bearssl/libbearssl.a
	@mkdir -p $(B)/unit
	@echo "  CC      $@"
	$(Q)$(CC) $(CFLAGS_ALL) -Itests/unit $(LDFLAGS_ALL) -o $@ $< \
	    $(filter-out $(B)/main.o,$(OBJ)) $(B)/bearssl/libbearssl.a

deps:
	$(Q)third_party/debian-deps --test

check: deps $(B)/ccheck $(UNIT)
	$(Q)CCHECK=$(CURDIR)/$(B)/ccheck UNITDIR=$(CURDIR)/$(B)/unit tests/run

demo: $(B)/ccheck
	$(Q)third_party/debian-deps --test
	$(Q)CCHECK=$(CURDIR)/$(B)/ccheck tests/demo

bench: deps $(B)/ccheck
	$(Q)CCHECK=$(CURDIR)/$(B)/ccheck tests/bench

size: $(B)/ccheck
	$(Q)tests/size $(B)/ccheck.map $(B)/ccheck $(SIZE_BUDGET)

clean:
	rm -rf build

FORCE:
.PHONY: all check deps demo bench size clean FORCE
.DELETE_ON_ERROR:

-include $(OBJ:.o=.d)
