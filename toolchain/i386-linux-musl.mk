# i386 (i686: Debian's cross compiler defaults to -march=i686), 32-bit x86.
# CC: Debian's wrapper from musl-dev:i386 (gcc-i686-linux-gnu + musl's
# specs). CROSS: its binutils. QEMU: user-mode emulation, called directly.
# No 64-bit registers, so BearSSL picks the 32-bit i31/m31 big-integer
# code by itself.
# BR_CFLAGS, one line each:
#   -DBR_AES_X86NI=0  no AES-NI/PCLMUL code: a probe moves a few KB of
#                     records, which constant-time aes_ct/ghash_ctmul
#                     handle in microseconds, and one AES family instead
#                     of two saves several KB.
#   -DBR_SSE2=0       no SSE2 ChaCha20: the same reason, one family.
CC        = i386-linux-musl-gcc
CROSS     = i686-linux-gnu-
QEMU      = qemu-i386-static
BR_CFLAGS = -DBR_AES_X86NI=0 -DBR_SSE2=0
