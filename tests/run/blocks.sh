# blocks.sh - the block cache and the instruction count: self-modifying
# code on a block already decoded and run, the (pc, ib) check of chained
# successors (the interpreter's links and the JIT's jump cache), and the
# count after a trap (instructions completed only).
. "$GLYPH_SRC/tests/common.sh"
. "$GLYPH_SRC/tests/run/_emu.sh"

# Self-modifying code: block `site` is decoded and run twice, then a
# store replaces its first instruction; the third pass must run the new
# one (1 + 1 + 10), not the cached block (1 + 1 + 1).
mk smc_cached <<'EOF'
.seg text rwx
    movi.i64 a0, 0
    movi.i64 a1, 3
l0: lea.i64 s0, ib32(0)(pc)
l1: lea.i64 s1, ib32(1)(pc)
    load.u16 s2, 0(s1)
    movi.i64 s1, 1
    movi.i64 s3, 0
    j site
site: addi.i64 a0, 1
    addi.i64 a1, -1
    cmp.ne.i64 a1, s1
    b skip
    store.i16 s2, 0(s0)
skip: cmp.ne.i64 a1, s3
    b site
    movi.i64.w t0, 93
    syscall
new: addi.i64 a0, 10
.const
    .long site - l0
    .long new - l1
EOF
run glyph-run ./smc_cached
expect_eq "self-modifying code: a block already run is decoded again (1 + 1 + 10)" 12 "$STATUS"
run glyph-run --stats ./smc_cached
expect_match "self-modifying code: one cache flush" ' 1 cache flushes' "$ERR"

# Chained successors are checked against (pc, ib): the jala block
# reaches T with ib0, ib0+64, ib0+128 (lr's ib lane grows by 64 each
# pass), and T reads a different constant in each immediate block
# (1 + 10 + 100).  Reusing the successor chained on the first pass for
# the same pc would read 1 three times.
mk chain_ib <<'EOF'
.text
    movi.i64 s0, 0
    movi.i64 s1, 3
    movi.i64 s3, 0
    movq.i64 ra, ib64(0)
    movq.i64 s2, ib64(1)
    j jsite
jsite: jala.i64 ra, ib64(2)
T:  movq.i64 a0, ib64(3)
    add.i64 s0, s0, a0
Tj: jtl.i64 ra, ib64(4)
back: add.i64 ra, ra, s2
    addi.i64 s1, -1
    cmp.ne.i64 s1, s3
    b jsite
    mov.i64 a0, s0
    movi.i64.w t0, 93
    syscall
.const
    .lanes T - jsite, 0
    .quad 0x4000000000
    .lanes 0, 0
    .quad 1
    .lanes back - Tj + T - jsite, 0
    .align 64
    .quad 0
    .quad 0
    .quad 0
    .quad 10
    .lanes back - Tj + T - jsite, 0
    .align 64
    .quad 0
    .quad 0
    .quad 0
    .quad 100
    .lanes back - Tj + T - jsite, 0
EOF
run glyph-run ./chain_ib
expect_eq "chained block: same pc, other ib is not the cached successor (1 + 10 + 100)" 111 "$STATUS"
run glyph-run --max-insns 1000 ./chain_ib
expect_eq "chained block: same result when blocks are single-stepped at the end" 111 "$STATUS"

# The same with the immediate blocks 256 KiB apart: (T, ib) then falls
# in the same entry of the JIT's jump cache (emu/jit/translate.h,
# jit_jc_index) for every pass, so only the entry's ib check keeps the
# jala from entering T's translation for the first ib again.
# (chain_ib.s with the blocks 256 KiB apart and lr's ib lane growing by
# as much)
sed -e 's/^    \.quad 0x4000000000$/    .quad 0x4000000000000/' \
    -e 's/^    \.align 64$/    .zero 262144 - 40/' chain_ib.s > chain_ib_far.in
mk chain_ib_far < chain_ib_far.in
run glyph-run ./chain_ib_far
expect_eq "chained block: same pc, other ib in the same jump-cache entry (1 + 10 + 100)" 111 "$STATUS"

# The instruction count after a trap is of the instructions completed:
# the three before the trapping one, not the block's seven.
# count_case NAME STATUS INSN: INSN after three instructions, then more
count_case() {
    printf '.text\n    movi.i64 s0, 8\n    movi.i64 a0, 1\n    movi.i64 a0, 2\n%s\n    movi.i64 a0, 3\n    movi.i64.w t0, 93\n    syscall\n.const\n    .quad 0\n' "$3" | mk "$1" || return
    run glyph-run --stats "./$1"
    expect_eq "$1: status" "$2" "$STATUS"
    expect_match "$1: 3 instructions" 'stats: 3 instructions,' "$ERR"
}
count_case count_hostfault 139 '    load.i64 a1, 0(s0)'  # a host fault
count_case count_break 133 '    break 0'                 # a trap the interpreter raises
count_case count_const 139 '    movq.i64 a1, ib64(1000)' # a decode-time fault
run glyph-run --max-insns 3 ./count_hostfault
expect_eq "count after a host fault: --max-insns 3 stops before it" 124 "$STATUS"
run glyph-run --max-insns 4 ./count_hostfault
expect_eq "count after a host fault: --max-insns 4 reaches it" 139 "$STATUS"

finish
