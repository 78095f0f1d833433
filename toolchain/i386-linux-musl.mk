# i386 (i686: Debian's cross compiler defaults to -march=i686), 32-bit x86.
# CC: Debian's wrapper from musl-dev:i386 (gcc-i686-linux-gnu + musl's
# specs). CROSS: its binutils. QEMU: user-mode emulation, called directly.
# BR_CFLAGS: BearSSL's defaults: no 64-bit registers, so it picks the
# 32-bit i31/m31 big-integer code and aes_ct/ghash_ctmul by itself; AES-NI
# and SSE2 code is compiled with target attributes and used only when the
# CPU reports them at run time, so old 32-bit CPUs stay safe.
CC        = i386-linux-musl-gcc
CROSS     = i686-linux-gnu-
QEMU      = qemu-i386-static
BR_CFLAGS =
