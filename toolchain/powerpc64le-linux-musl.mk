# ppc64el: 64-bit little-endian POWER8 and later (Debian's default
# -mcpu=power8).
# CC: Debian's wrapper from musl-dev:ppc64el. CROSS: its binutils.
# QEMU: user-mode emulation, called directly.
# 64-bit with __int128, so BearSSL uses its i62/m62/m64 code.
# BR_CFLAGS:
#   -DBR_POWER8=0  no POWER8 AES/GHASH opcodes (Debian's baseline enables
#                  them): a probe moves a few KB of records, which the
#                  constant-time aes_ct64/ghash_ctmul64 handle in
#                  microseconds, and one AES family instead of two is
#                  smaller.
CC        = powerpc64le-linux-musl-gcc
CROSS     = powerpc64le-linux-gnu-
QEMU      = qemu-ppc64le-static
BR_CFLAGS = -DBR_POWER8=0
