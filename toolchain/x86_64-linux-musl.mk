# x86_64, the build host's own CPU.
# CC: Debian's musl-gcc wrapper (musl-tools). CROSS: native binutils.
# QEMU: none needed. BR_CFLAGS: BearSSL's defaults suit a 64-bit core
# (i62/m64 big-integer code with 128-bit multiplies, AES-NI and
# PCLMUL detected at run time).
CC        = musl-gcc
CROSS     =
QEMU      =
BR_CFLAGS =
