#!/bin/sh
# system.sh - glyph-run -M virt against user mode on the same loop:
# a load, an add and a store per iteration, 10 M iterations, run as a
# Linux program (user mode: flat memory), as a kernel with translation
# off (every access through the physical map) and as a user task under
# vm12 translation (every access through the TLB).  Prints median CPU
# seconds over interleaved rounds, guest MIPS and the ratios.
#
#   sh tests/bench/system.sh [BUILD-DIR] [ROUNDS]      (default build, 5)
set -eu
SRC=$(cd "$(dirname "$0")/../.." && pwd)
B=$(cd "${1:-build}" && pwd)
ROUNDS=${2:-5}
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
cd "$W"

loop='    li s3, 10000000
    movi.i64 t1, 0
1:  load.i64 t2, 0(s0)
    add.i64 t2, t2, t1
    store.i64 t2, 8(s0)
    addi.i64 t1, 1
    cmp.lt.i64 t1, s3
    b 1b'

cat > user.s <<K
    .text
    .globl _start
_start:
    addi.i64 sp, -64
    mov.i64 s0, sp
$loop
    movi.i64 a0, 0
    li t0, 93
    syscall
K
cat > phys.s <<K
    .text
    .globl _start
_start:
    li s0, 0xffffc00000300000
$loop
    li t1, 0x0300000000000000
    syswrite t1, econtrol
K
# the same loop as a user task at VA 0x10000 (code), 0x80000 (its
# constants), data at 0x20000; its final syscall powers off
cat > virt.s <<K
    .text
    .globl _start
_start:
    la t1, off
    syswrite t1, thpc
    la t1, off.const
    syswrite t1, thib
    li s3, 0xffffc00000400000
    li t1, 0xffffc00000401001
    store.i64 t1, 0(s3)
    li t1, 0xffffc00000402001
    store.i64 t1, 0x1000(s3)
    li t1, 0xffffc00000403001
    store.i64 t1, 0x2000(s3)
    li t4, 0xffffc00000403000
    li t1, 0xffffc000005000c7   # 0x20000: data
    store.i64 t1, 0x100(t4)
    li t2, -4096
    la t1, task
    and.i64 t1, t1, t2
    movi.i64 t3, 0x4b
    or.i64 t1, t1, t3
    store.i64 t1, 0x80(t4)      # 0x10000: code
    la t1, task.const
    and.i64 t1, t1, t2
    movi.i64 t3, 0x43
    or.i64 t1, t1, t3
    store.i64 t1, 0x400(t4)     # 0x80000: constants
    li t1, 0x1fffc00000400000
    syswrite t1, sptr
    movi.i64 t1, 1
    syswrite t1, mcontrol
    la t1, task
    li t2, 4095
    and.i64 t1, t1, t2
    li t3, 0x10000
    add.i64 t1, t1, t3
    syswrite t1, tepc
    la t1, task.const
    and.i64 t1, t1, t2
    li t3, 0x80000
    add.i64 t1, t1, t3
    syswrite t1, teib
    iret
    .globl off
off:
    li t1, 0x0300000000000000
    syswrite t1, econtrol
    .section .text.task, "ax"
    .balign 4096
    .globl task
task:
    li s0, 0x20000
$loop
    syscall
K
for k in user phys virt; do
    "$B/bin/glyph-as" -o $k.o $k.s
done
"$B/bin/glyph-ld" -o user user.o
"$B/bin/glyph-ld" --image-base 0xffffc00000200000 -o phys phys.o
"$B/bin/glyph-ld" --image-base 0xffffc00000200000 -o virt virt.o
RUN="$B/bin/glyph-run"

cpu() { # cpu NAME ARGS...: CPU seconds and instructions from --stats
    n=$1; shift
    "$RUN" --stats "$@" 2> $n.err >/dev/null || true
    sed -n 's/.* \([0-9]*\) instructions, .*, \([0-9.]*\) s cpu, .*/\2 \1/p' $n.err
}
: > times
r=0
while [ $r -lt "$ROUNDS" ]; do
    echo "user $(cpu user ./user)" >> times
    echo "phys $(cpu phys -M virt -kernel ./phys)" >> times
    echo "virt $(cpu virt -M virt -kernel ./virt)" >> times
    r=$((r + 1))
done
python3 - times <<'P'
import sys, statistics
t = {}
for line in open(sys.argv[1]):
    k, s, n = line.split()
    t.setdefault(k, []).append((float(s), int(n)))
med = {k: statistics.median(s for s, _ in v) for k, v in t.items()}
print("%-28s %10s %14s %8s %8s" % ("loop (10 M iterations)", "cpu s", "instructions", "MIPS", "x user"))
for k, what in (("user", "user mode"), ("phys", "-M virt, translation off"),
                ("virt", "-M virt, vm12 user task")):
    n = t[k][0][1]
    print("%-28s %10.3f %14d %8.0f %8.2f" % (what, med[k], n, n / med[k] / 1e6, med[k] / med["user"]))
P
