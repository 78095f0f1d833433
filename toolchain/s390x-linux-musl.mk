# s390x: 64-bit big-endian IBM Z.  The one big-endian target: it proves
# the framers, the DER reader and the anchors generator are endian-clean.
# CC: Debian's wrapper from musl-dev:s390x. CROSS: its binutils.
# QEMU: user-mode emulation, called directly.
# BR_CFLAGS: BearSSL's defaults: 64-bit with __int128, so i62/m62/m64.
# BR_BE_UNALIGNED stays off (BearSSL does not detect it on s390x): the
# portable byte-wise br_dec*/br_enc* are the code the test should cover.
CC        = s390x-linux-musl-gcc
CROSS     = s390x-linux-gnu-
QEMU      = qemu-s390x-static
BR_CFLAGS =
