# aarch64 (arm64): Raspberry Pi 3/4/5, ARM servers and NAS boxes.
# CC: Debian's wrapper from musl-dev:arm64 (gcc-aarch64-linux-gnu + musl's
# specs). CROSS: its binutils. QEMU: user-mode emulation, called directly.
# BR_CFLAGS: BearSSL's defaults: a 64-bit core with a fast 64x64->128
# multiply (__int128), so the i62/m62/m64 big-integer code and aes_ct64.
CC        = aarch64-linux-musl-gcc
CROSS     = aarch64-linux-gnu-
QEMU      = qemu-aarch64-static
BR_CFLAGS =
