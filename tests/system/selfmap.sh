# selfmap.sh - the physical permission check (mcontrol.P): with it a
# translation needs, in the same tree, a self-map (physical-space VA ->
# itself) of the page it lands on, granting at least the leaf's R/W/X,
# and one with T of every table the walk read; a missing or mismatched
# self-map, a table without T or a leaf granting more is an access
# fault (cause 8 for a load).  Here one 1 GiB leaf self-maps all RAM.
. "$GLYPH_SRC/tests/common.sh"
. "$GLYPH_SRC/tests/system/_sys.sh"

kern sm <<'K' || true
    .text
    .globl _start
_start:
    li sp, 0xffffc00000100000
    call set_handler
    movi.i64 s8, 0
    movi.i64 s9, 0
    li s3, 0xffffc00000400000   # root; VA 0x20000 -> P+0x500000 (V R W A D)
    call pt_init                # root -> L2 -> L1 -> L0 for VA [0, 2 MiB)
    li t1, 0xffffc000005000c7
    store.i64 t1, 0x3100(s3)
    li t1, 0xffffc00000404001   # root[384]: the physical space -> L2 at +0x404000
    store.i64 t1, 0xc00(s3)
    li t1, 0xffffc00000500000
    li t2, 0x1234
    store.i64 t2, 0(t1)
    li s4, 0x1fffc00000400000
    syswrite s4, sptr
    movi.i64 t1, 8              # scontrol.A: the kernel reads user pages
    syswrite t1, scontrol
    movi.i64 t1, 3              # mcontrol: V and P
    syswrite t1, mcontrol
    li a1, 0xffffc000000000df   # RAM's self-map: V R W X T A D
    call try                    # works
    li a1, 0                    # none
    call try
    li a1, 0xffffc000400000df   # onto the next GiB: not onto itself
    call try
    li a1, 0xffffc000000000cf   # without T: the tables are not marked
    call try
    li a1, 0xffffc000000000db   # T but no W: the leaf grants more
    call try
    movi.i64 t1, 1              # P off: the self-map does not matter
    syswrite t1, mcontrol
    call try
    movi.i64 a0, 0
    call poweroff

# try(a1 = the self-map leaf L2s[0]): load 0x20000, print it or the trap
    .globl try
try:
    addi.i64 sp, -16
    store.i64 ra, 0(sp)
    li t1, 0xffffc00000404000
    store.i64 a1, 0(t1)
    syswrite s4, sptr           # the PTEs changed
    li t1, 0x20000
    movi.i64 a0, 0
    la s7, 1f
    la s6, 2f
1:  load.i64 a0, 0(t1)
    call kputx
    call newline
2:  load.i64 ra, 0(sp)
    addi.i64 sp, 16
    ret
K
boot sm -n 1000000
expect_eq "self-map transcript" "0|0x1234
trap 0x8 tvalue=0x20000 I=0x0 at tepc
trap 0x8 tvalue=0x20000 I=0x0 at tepc
trap 0x8 tvalue=0x20000 I=0x0 at tepc
trap 0x8 tvalue=0x20000 I=0x0 at tepc
0x1234" "$STATUS|$OUT"
finish
