#!/bin/sh
# system.sh - glyph-run -M virt against user mode on the same loops,
# a load, an add and a store per iteration:
#   hit:  30 M iterations on one data page, run as a Linux program (user
#         mode: flat memory), as a kernel with translation off (physical
#         RAM through the TLB) and as a user task under vm12 translation
#         (every access a TLB hit);
#   walk: 4 M iterations, each on the next of 1024 data pages (4 MiB,
#         4 times the TLB's reach), as a Linux program and as the vm12
#         user task: every load and store misses the TLB and walks the
#         four levels.
# Prints median CPU seconds over interleaved rounds, guest MIPS and the
# ratios to the user-mode interpreter (--no-jit: system mode runs on the
# interpreter too) on the same loop; user mode's default, the JIT, is
# listed beside it.
#
#   sh tests/bench/system.sh [BUILD-DIR] [ROUNDS]      (default build, 5)
set -eu
SRC=$(cd "$(dirname "$0")/../.." && pwd)
B=$(cd "${1:-build}" && pwd)
ROUNDS=${2:-5}
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
cd "$W"

loop='    li s3, 30000000
    movi.i64 t1, 0
1:  load.i64 t2, 0(s0)
    add.i64 t2, t2, t1
    store.i64 t2, 8(s0)
    addi.i64 t1, 1
    cmp.lt.i64 t1, s3
    b 1b'
# s0 = the 4 MiB buffer; the offset steps a page (and 8 bytes) each time
walk='    li s3, 4000000
    li s4, 0x3ffff8
    li s5, 0x1008
    movi.i64 t1, 0
    movi.i64 t3, 0
1:  add.i64 t4, s0, t3
    load.i64 t2, 0(t4)
    add.i64 t2, t2, t1
    store.i64 t2, 0(t4)
    add.i64 t3, t3, s5
    and.i64 t3, t3, s4
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
cat > uwalk.s <<K
    .text
    .globl _start
_start:
    la s0, buf
$walk
    movi.i64 a0, 0
    li t0, 93
    syscall
    .bss
    .balign 4096
buf: .zero 0x400000
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
virt() { # virt NAME BODY: the loop as the vm12 user task
cat > $1.s <<K
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
    li t1, 0xffffc00000404001   # L1[2], L1[3]: VA [4 MiB, 8 MiB) in 4 KiB
    store.i64 t1, 0x2010(s3)    # pages onto P+8 MiB
    li t1, 0xffffc00000405001
    store.i64 t1, 0x2018(s3)
    li t4, 0xffffc00000404000
    li t5, 0xffffc00000406000
    li t1, 0xffffc000008000c7
    li t2, 0x1000
2:  store.i64 t1, 0(t4)
    add.i64 t1, t1, t2
    addi.i64 t4, 8
    cmp.ltu.i64 t4, t5
    b 2b
    li t2, -4096
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
$2
    syscall
K
}
virt virt "    li s0, 0x20000
$loop"
virt vwalk "    li s0, 0x400000
$walk"

for k in user uwalk phys virt vwalk; do
    "$B/bin/glyph-as" -o $k.o $k.s
done
"$B/bin/glyph-ld" -o user user.o
"$B/bin/glyph-ld" -o uwalk uwalk.o
for k in phys virt vwalk; do
    "$B/bin/glyph-ld" --image-base 0xffffc00000200000 -o $k $k.o
done
RUN="$B/bin/glyph-run"

cpu() { # cpu NAME ARGS...: CPU seconds and instructions from --stats
    n=$1; shift
    "$RUN" --stats "$@" 2> $n.err >/dev/null || true
    sed -n 's/.* \([0-9]*\) instructions, .*, \([0-9.]*\) s cpu, .*/\2 \1/p' $n.err
}
: > times
r=0
while [ $r -lt "$ROUNDS" ]; do
    echo "user $(cpu user --no-jit ./user)" >> times
    echo "userj $(cpu userj ./user)" >> times
    echo "phys $(cpu phys -M virt -kernel ./phys)" >> times
    echo "virt $(cpu virt -M virt -kernel ./virt)" >> times
    echo "uwalk $(cpu uwalk --no-jit ./uwalk)" >> times
    echo "uwalkj $(cpu uwalkj ./uwalk)" >> times
    echo "vwalk $(cpu vwalk -M virt -kernel ./vwalk)" >> times
    r=$((r + 1))
done
python3 - times <<'P'
import sys, statistics
t = {}
for line in open(sys.argv[1]):
    k, s, n = line.split()
    t.setdefault(k, []).append((float(s), int(n)))
med = {k: statistics.median(s for s, _ in v) for k, v in t.items()}
print("%-34s %8s %14s %8s %8s" % ("loop", "cpu s", "instructions", "MIPS", "x user"))
for k, base, what in (("user", "user", "hit: user mode, interpreter"),
                      ("userj", "user", "hit: user mode, JIT"),
                      ("phys", "user", "hit: -M virt, translation off"),
                      ("virt", "user", "hit: -M virt, vm12 user task"),
                      ("uwalk", "uwalk", "walk: user mode, interpreter"),
                      ("uwalkj", "uwalk", "walk: user mode, JIT"),
                      ("vwalk", "uwalk", "walk: -M virt, vm12 user task")):
    n = t[k][0][1]
    print("%-34s %8.3f %14d %8.0f %8.2f" % (what, med[k], n, n / med[k] / 1e6, med[k] / med[base]))
P
