# ppc64el: 64-bit little-endian POWER8 and later (Debian's default
# -mcpu=power8).
# CC: Debian's wrapper from musl-dev:ppc64el. CROSS: its binutils.
# QEMU: user-mode emulation, called directly.
# BR_CFLAGS: BearSSL's defaults: 64-bit with __int128, so i62/m62/m64;
# POWER8 is Debian's ppc64el baseline, so BearSSL enables its AES/GHASH
# code for the POWER8 crypto opcodes at compile time (__CRYPTO__).
CC        = powerpc64le-linux-musl-gcc
CROSS     = powerpc64le-linux-gnu-
QEMU      = qemu-ppc64le-static
BR_CFLAGS =
