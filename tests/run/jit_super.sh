# jit_super.sh - superblocks (docs/run.md, "JIT design"): translations
# that run through `j`, a `b` not taken or a block's end into the next
# block.  A store in one block of a superblock into the code of a later
# one on another page takes effect at once, as the interpreter's next
# block (its run leaves at that block's start); an error put into a
# later block's translation only is caught by --jit-audit; a loop that
# closes on itself counts exactly (--max-insns around its back edge)
# and leaves the flag the interpreter has.
. "$GLYPH_SRC/tests/common.sh"
. "$GLYPH_SRC/tests/run/_emu.sh"

# `site` stores the first two bytes of `new` over `later` (on the next
# page) and jumps there: one superblock from _start (and one from site).
# Each of the three passes must add 10, the first included (3 x 10);
# the superblock's old translation of `later` would add 1 on the first.
mk smc_later <<'EOF'
.seg text rwx
    movi.i64 a0, 0
    movi.i64 a1, 3
l0: lea.i64 s0, ib32(0)(pc)
l1: lea.i64 s1, ib32(1)(pc)
    load.u16 s2, 0(s1)
    movi.i64 s3, 0
    j site
site: store.i16 s2, 0(s0)
    j.w later
    .zero 4096
later: addi.i64 a0, 1
    addi.i64 a1, -1
    cmp.ne.i64 a1, s3
    b.w site
    movi.i64.w t0, 93
    syscall
new: addi.i64 a0, 10
.const
    .long later - l0
    .long new - l1
EOF
run glyph-run --jit-dump=smc.dump ./smc_later
expect_eq "a store into a later block of a superblock: that block runs the new code (3 x 10)" \
    30 "$STATUS"
expect_match "... and that store ran in a superblock" 'superblock of [2-9] blocks' "$(cat smc.dump)"
GLYPH_NO_JIT=1 "$EMU" ./smc_later
expect_eq "... as interpreted" 30 $?
"$EMU" --jit-audit ./smc_later
expect_eq "... and under --jit-audit" 30 $?

# ... and with a block that stores nothing between the store and the
# block it changes: the superblock tests the chain limit only at the
# first block after the store (a limit the store set to 0 stays so),
# and leaves there
mk smc_skip <<'EOF'
.seg text rwx
    movi.i64 a0, 0
    movi.i64 a1, 3
l0: lea.i64 s0, ib32(0)(pc)
l1: lea.i64 s1, ib32(1)(pc)
    load.u16 s2, 0(s1)
    movi.i64 s3, 0
    j site
site: store.i16 s2, 0(s0)
    j.w mid
    .zero 4096
mid: addi.i64 a2, 1
    j later
later: addi.i64 a0, 1
    addi.i64 a1, -1
    cmp.ne.i64 a1, s3
    b.w site
    movi.i64.w t0, 93
    syscall
new: addi.i64 a0, 10
.const
    .long later - l0
    .long new - l1
EOF
run glyph-run --jit-dump=smc_skip.dump ./smc_skip
expect_eq "a store two blocks before the block it changes: that block runs the new code (3 x 10)" \
    30 "$STATUS"
expect_match "... and store, middle block and changed block were one superblock" \
    'superblock of [3-9] blocks' "$(cat smc_skip.dump)"
GLYPH_NO_JIT=1 "$EMU" ./smc_skip
expect_eq "... as interpreted" 30 $?

# a later block's translation broken on purpose: the audit compares the
# whole superblock with the interpreter running its blocks one by one
mk tail <<'EOF'
.text
    mov.i64 s0, sp
    movi.i64 a2, 3
    j next
next: movi.i64 a3, 7
    store.i64 a3, 8(s0)
    movi.i64 a0, 0
    movi.i64.w t0, 93
    syscall
.const
    .quad 0
EOF
GLYPH_JIT_AUDIT_BREAK=tail "$EMU" --jit-audit ./tail > /dev/null 2> tail.out
expect_eq "a superblock's later block broken: the audit stops with status 125" 125 $?
expect_match "... naming a3 (r9): 7 interpreted, 8 translated" \
    '^  r9/a3 +interpreter 0x0000000000000007  jit 0x0000000000000008$' "$(cat tail.out)"
expect_match "... and listing the later block's instructions" '^    0x[0-9a-f]+  movi\.i64(\.w)? a3, 7$' \
    "$(cat tail.out)"
"$EMU" --jit-audit --stats ./tail > /dev/null 2> tail.ok
expect_eq "unbroken: audited, no difference" "0 1" "$? $(audited tail.ok)"

# a loop closing on its own entry (the loop path jumps back inside the
# translation) whose flag comes from a compare not yet written when the
# back edge is taken (1; the cmov before it wrote 0): stopped at every
# count through its passes and the exit, registers (flag included) and
# counts agree
mk selfloop <<'EOF'
.text
    mov.i64 s0, sp
    movi.i64 t0, 64
    sub.i64 s0, s0, t0
    movi.i64 s1, 5
    movi.i64 s3, 0
    j loop
loop: addi.i64 s1, -1
    store.i64 s1, 0(s0)
    cmp.eq.i64 s1, s3
    cmov.i64 a1, s1
    cmp.ne.i64 s1, s3
    b loop
    movi.i64 a0, 0
    movi.i64 t0, 93
    syscall
.const
    .quad 0
EOF
both selfloop
total=$(sed -n 's/^count //p' int.rep)
expect_eq "the self loop runs to its exit in both modes" "0 0 $total" "$JS $IS $(sed -n 's/^count //p' jit.rep)"
sweep selfloop "$total" 1 0
if [ -z "$SWEPT" ]; then
    ok "--max-insns 1..$total over the self loop: same registers, flag and count"
else
    not_ok "--max-insns over the self loop: JIT and interpreter differ" "$SWEPT"
fi
finish
