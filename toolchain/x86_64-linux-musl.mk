# x86_64, the build host's own CPU.
# CC: Debian's musl-gcc wrapper (musl-tools). CROSS: native binutils.
# QEMU: none needed. BearSSL keeps its 64-bit big-integer code
# (i62 with 128-bit multiplies: 9 % fewer instructions per RSA probe).
# BR_CFLAGS, one line each:
#   -DBR_AES_X86NI=0  no AES-NI/PCLMUL code: a probe moves a few KB of
#                     records, which constant-time aes_ct64/ghash_ctmul64
#                     handle in microseconds, and one AES family instead
#                     of two saves 6 KB.
#   -DBR_SSE2=0       no SSE2 ChaCha20: the same reason, one family.
CC        = musl-gcc
CROSS     =
QEMU      =
BR_CFLAGS = -DBR_AES_X86NI=0 -DBR_SSE2=0
