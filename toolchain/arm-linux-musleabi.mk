# armel: ARMv5TE soft-float (Debian's default -march=armv5te), e.g.
# ARM926/Feroceon (Marvell Kirkwood) NAS boxes and old routers.
# CC: Debian's wrapper from musl-dev:armel. CROSS: its binutils.
# QEMU: user-mode emulation (qemu-arm covers every 32-bit ARM).
# BR_CFLAGS, one line each:
#   -DBR_LOMUL=1     ARMv5 cores do a truncated 32x32->32 MUL in fewer
#                    cycles than a 32x32->64 UMULL, so use BearSSL's
#                    15-bit i15/m15 big-integer code (RSA, ECDSA, ECDHE).
#   -DBR_SLOW_MUL=1  for the same reason, GHASH (AES-GCM) takes the
#                    variant of ghash_ctmul with fewer multiplications.
CC        = arm-linux-musleabi-gcc
CROSS     = arm-linux-gnueabi-
QEMU      = qemu-arm-static
BR_CFLAGS = -DBR_LOMUL=1 -DBR_SLOW_MUL=1
