# xfer.sh - colormatexec (NT_GLYPH_XFER, a project extension) once the
# code is hot: a forbidden transfer faults, naming both code colors, after
# a thousand allowed ones from the same blocks, whether the blocks are
# translated and chained (the JIT, the default) or interpreted (this test
# also runs with GLYPH_NO_JIT=1).  The JIT chains only edges within one
# color and keeps the jump cache off under the note, so neither a chained
# direct edge nor a jump-cache hit may carry a transfer past the check.
# Segments: .text 0x10000 (color 0), .const 0x11000, c1 0x12000 (color 1),
# c2 0x13000 (color 2).
. "$GLYPH_SRC/tests/common.sh"
. "$GLYPH_SRC/tests/run/_emu.sh"

jit_mode() { [ "${GLYPH_NO_JIT:-0}" != 1 ]; }
# the JIT really ran the loop: translated blocks and chained edges in
# --stats (with superblocks, the default, a loop within one color may be
# one translation with no chained edge, so chaining is looked at with
# superblocks off)
translated() {
    jit_mode || { ok "$1: interpreter mode (no JIT counters)"; return; }
    expect_match "$1: the loop ran translated" \
        'jit: [1-9][0-9]* blocks translated' "$ERR"
}
chained() {
    jit_mode || { ok "$1: interpreter mode (no JIT counters)"; return; }
    expect_match "$1: the loop ran translated and chained" \
        'jit: [1-9][0-9]* blocks translated.* [1-9][0-9]* chained edges' "$ERR"
}

# A direct edge: the loop's block calls color 1 (allowed) a thousand
# times, its conditional branch falling through on color 0; the last
# time the branch is taken, to color 2, which color 0 may not enter.
mk direct <<'S'
.policy 0xffff 0xffff 0xffff
.matexec 0 0x3
.matexec 1 0x3
.matexec 2 0x4
.text
    movi.i64 s0, 0
loop: jal.i64 ra, ib64(0)
    addi.i64 s0, 1
    movi.i64.w t1, 1000
    cmp.ge.i64 s0, t1
    b.w far
    j loop
.const
    .lanes helper - loop, 0
    .lanes helper - hret + 2, 0
.seg c1 rx 1
helper: addi.i64 s1, 1
hret: jtl.i64 ra, ib64(1)
.seg c2 rx 2
far: movi.i64 a0, 7
    movi.i64.w t0, 93
    syscall
S
run glyph-run --stats ./direct
expect_eq "direct edge to a forbidden color: killed (SIGSEGV)" 139 "$STATUS"
expect_match "direct edge: the fault names both code colors" \
    'capability fault: transfer to address 0x13000 of code color 2 by code color 0 \(colormatexec\) at pc=0x10012 ib=0x11000' "$ERR"
translated direct
GLYPH_JIT_SUPERBLOCKS=0 run glyph-run --stats ./direct
expect_match "direct edge, superblocks off: the same fault" \
    'capability fault: transfer to address 0x13000 of code color 2 by code color 0 \(colormatexec\) at pc=0x10012 ib=0x11000' "$ERR"
chained "direct, superblocks off"

# the same program with the edge allowed runs to its end: the fault above
# is the policy's, not the program's
sed 's/^\.matexec 0 0x3$/.matexec 0 0x7/' direct.s > direct_ok.s
"$MKEXE" -o direct_ok direct_ok.s || not_ok "build direct_ok"
run glyph-run ./direct_ok
expect_eq "direct edge allowed (bit 2 of colormatexec0): exit 7" 7 "$STATUS"

# A forged return: color 0 calls helper (color 1) and h2 (color 2), both
# allowed, a thousand times, so h2's entry is a block the run loop enters
# again and again (a jump-cache entry, were the cache on).  Then helper
# returns with a forged link that lands on h2: color 1 may not enter
# color 2, and the return (jtl, an indirect jump) must not find h2 in
# the jump cache.
mk forged_ret <<'S'
.policy 0xffff 0xffff 0xffff
.matexec 0 0x7
.matexec 1 0x3
.matexec 2 0x5
.text
    movi.i64 s0, 0
    movi.i64 s2, 0
loop: jal.i64 ra, ib64(0)
c2: jal.i64 ra, ib64(3)
    addi.i64 s0, 1
    movi.i64.w t1, 1000
    cmp.lt.i64 s0, t1
    b loop
    movi.i64 s2, 1
last: jal.i64 ra, ib64(5)
    movi.i64 a0, 5
    movi.i64.w t0, 93
    syscall
.const
    .lanes helper - loop, 0
    .lanes helper - hret + 2, 0
    .lanes helper + 2 - h2, 0
    .lanes h2 - c2, 0
    .lanes h2 - h2ret + 2, 0
    .lanes helper - last, 0
.seg c1 rx 1
helper: addi.i64 s1, 1
    movi.i64 t1, 0
    cmp.eq.i64 s2, t1
    b hret
    movq.i64 ra, ib64(2)
hret: jtl.i64 ra, ib64(1)
.seg c2 rx 2
h2: addi.i64 s3, 1
    movi.i64 t1, 1
    cmp.eq.i64 s2, t1
    b h2exit
h2ret: jtl.i64 ra, ib64(4)
h2exit: movi.i64 a0, 3
    movi.i64.w t0, 93
    syscall
S
run glyph-run --stats ./forged_ret
expect_eq "forged return into a forbidden color: killed (SIGSEGV)" 139 "$STATUS"
expect_match "forged return: the fault names both code colors" \
    'capability fault: transfer to address 0x13000 of code color 2 by code color 1 \(colormatexec\) at pc=0x12' "$ERR"
chained forged_ret

# the same return allowed (bit 2 of colormatexec1): h2 runs and, seeing
# the forged call's flag, ends the program
sed 's/^\.matexec 1 0x3$/.matexec 1 0x7/' forged_ret.s > forged_ok.s
"$MKEXE" -o forged_ok forged_ok.s || not_ok "build forged_ok"
run glyph-run ./forged_ok
expect_eq "forged return allowed: the program ends normally (exit 3)" 3 "$STATUS"
finish
