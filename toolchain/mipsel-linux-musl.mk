# mipsel: 32-bit little-endian MIPS32r2 (Debian's default -march=mips32r2,
# o32 ABI), e.g. MT7621 and Atheros/QCA routers.
# CC: Debian's wrapper from musl-dev:mipsel. CROSS: its binutils.
# QEMU: user-mode emulation, called directly.
# BR_CFLAGS: BearSSL's defaults: no 64-bit registers, so the 32-bit
# i31/m31 code; MIPS32 MULTU gives a full 32x32->64 product in the same
# pipelined multiplier as MUL, so BR_LOMUL would only add work.
CC        = mipsel-linux-musl-gcc
CROSS     = mipsel-linux-gnu-
QEMU      = qemu-mipsel-static
BR_CFLAGS =
