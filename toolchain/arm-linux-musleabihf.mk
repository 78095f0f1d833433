# armhf: ARMv7-A with VFP (Debian's default -march=armv7-a+fp, Thumb-2),
# e.g. Raspberry Pi 2, Cortex-A7/A9 routers and NAS boxes.
# CC: Debian's wrapper from musl-dev:armhf. CROSS: its binutils.
# QEMU: user-mode emulation (qemu-arm covers every 32-bit ARM).
# BR_CFLAGS: BearSSL's defaults: Cortex-A cores have a fast, constant-time
# 32x32->64 UMULL, which the i31/m31 code is built on; BR_LOMUL (15-bit
# words) is meant for Cortex-M cores without one.
CC        = arm-linux-musleabihf-gcc
CROSS     = arm-linux-gnueabihf-
QEMU      = qemu-arm-static
BR_CFLAGS =
