# pwc.sh - the page-walk cache (docs/system.md "The TLB"): the last-level
# table of a 2 MiB region is remembered across walks, and it goes with
# the flushes of D9.  VA 0x20000 is read through three last-level tables
# in turn: after the level-1 pointer changes and sptr is written (or
# fence), the new table's page is read; 2 MiB regions that share a
# cache slot (0 and 128 MiB) keep their own tables.
. "$GLYPH_SRC/tests/common.sh"
. "$GLYPH_SRC/tests/system/_sys.sh"

kern pwc <<'K' || true
    .text
    .globl _start
_start:
    li sp, 0xffffc00000100000
    call set_handler
    movi.i64 s8, 0
    la s9, _start.const
    li s3, 0xffffc00000400000
    call pt_init
    li s4, 0xffffc00000402000   # L1; L0 tables A P+0x403000, B +0x404000, C +0x405000
    li t1, 0xffffc00000600000   # pages X, Y, Z: 0x1111, 0x2222, 0x3333
    li t2, 0x1111
    store.i64 t2, 0(t1)
    li t2, 0x2222
    store.i64 t2, 0x1000(t1)
    li t2, 0x3333
    store.i64 t2, 0x2000(t1)
    li t1, 0xffffc000006000c7   # A[0x20] -> X, B[0x20] -> Y, C[0x20] -> Z
    li t2, 0xffffc00000403100
    store.i64 t1, 0(t2)
    li t1, 0xffffc000006010c7
    store.i64 t1, 0x1000(t2)
    li t1, 0xffffc000006020c7
    store.i64 t1, 0x2000(t2)
    li t1, 0xffffc00000405001   # L1[64] (VA 128 MiB) -> C
    store.i64 t1, 0x200(s4)
    li s5, 0x1fffc00000400000
    syswrite s5, sptr
    movi.i64 t1, 8              # scontrol.A: the kernel reads user pages
    syswrite t1, scontrol
    movi.i64 t1, 1
    syswrite t1, mcontrol
    li s1, 0x20000
    li s2, 0x8020000
    load.i64 a0, 0(s1)          # X
    call pval
    li t1, 0xffffc00000404001   # L1[0] -> B, sptr written: Y
    store.i64 t1, 0(s4)
    syswrite s5, sptr
    load.i64 a0, 0(s1)
    call pval
    load.i64 a0, 0(s2)          # the other region of that slot: Z
    call pval
    load.i64 a0, 0(s1)          # and back: Y
    call pval
    li t1, 0xffffc00000403001   # L1[0] -> A, fence: X
    store.i64 t1, 0(s4)
    fence
    load.i64 a0, 0(s1)
    call pval
    movi.i64 a0, 0
    call poweroff
K
boot pwc -n 1000000
expect_eq "the page-walk cache: flushes, shared slots" "0|val=0x1111
val=0x2222
val=0x3333
val=0x2222
val=0x1111|" "$STATUS|$OUT|$ERR"
finish
