# jit_ras.sh - return prediction in the JIT (docs/run.md, "JIT design",
# "Returns"): a `jal` is a host call and its `jtl ra` a host ret when the
# target is the call's return point.  Recursion deeper than the bound
# (8191 entries, then a guard page) and recursion that never returns drop the entries and
# still compute the interpreter's result; returns elsewhere (ra
# rewritten, an unwinding past several frames) go where the program
# says; a fault and --max-insns deep in nested calls leave the
# interpreter's report, registers and count; --stats counts every
# `jtl ra` once, as predicted, mispredicted or without an entry.
. "$GLYPH_SRC/tests/common.sh"
. "$GLYPH_SRC/tests/run/_emu.sh"

# returns N: field N (1 predicted, 2 mispredicted, 3 no entry, 4 depth
# resets) of jit.out's return line
returns() {
    v=$(sed -n 's/.* jit returns: \([0-9]*\) predicted, \([0-9]*\) mispredicted, \([0-9]*\) with no call entry, \([0-9]*\) depth resets$/\1 \2 \3 \4/p' jit.out |
        cut -d' ' -f"$1")
    echo "${v:-0}"
}

# rec(n) = n by n nested calls (a 64-byte frame each, ra saved), three
# passes of depth 20000: 3 x 20000 = 60000, status 60000 & 255 = 96
mk deep <<'EOF'
.text
    movi.i64 s0, 0
    movi.i64 s1, 3
    movi.i64 s2, 0
loop: movq.i64 a0, ib64(0)
C0: jal.i64 ra, ib64(1)
    add.i64 s0, s0, a0
    addi.i64 s1, -1
    cmp.ne.i64 s1, s2
    b loop
    mov.i64 a0, s0
    movi.i64.w t0, 93
    syscall
rec: movi.i64 t1, 0
    cmp.eq.i64 a0, t1
    b done
    addi.i64.w sp, -64
    store.i64 ra, 0(sp)
    addi.i64 a0, -1
C1: jal.i64 ra, ib64(2)
    addi.i64 a0, 1
    load.i64 ra, 0(sp)
    addi.i64.w sp, 64
done:
R:  jtl.i64 ra, ib64(3)
.const
    .quad 20000
    .lanes rec - C0, 0
    .lanes rec - C1, 0
    .lanes rec - R + 2, 0
EOF
both deep
expect_eq "recursion 20000 deep, three times: 3 x 20000 in both modes" "96 96" "$JS $IS"
expect_eq "... same registers and count" "" "$(diff jit.rep int.rep)"
expect_eq "... the JIT dropped its entries at the depth bound (twice a pass)" 1 \
    "$(( $(returns 4) >= 4 ))"
expect_eq "... and predicted the returns of the entries it kept" 1 "$(( $(returns 1) >= 3616 ))"
expect_eq "--stats: every jtl ra counted once (3 x 20001)" 60003 \
    "$(( $(returns 1) + $(returns 2) + $(returns 3) ))"

# a chain of 3 million calls that never return (no frame, ra not kept):
# 24 MB of return entries without the bound; ends with exit(7)
mk noret <<'EOF'
.text
    movq.i64 a0, ib64(0)
    movi.i64 t1, 0
f:  addi.i64 a0, -1
    cmp.eq.i64 a0, t1
    b out
C:  jal.i64 ra, ib64(1)
out: movi.i64 a0, 7
    movi.i64.w t0, 93
    syscall
.const
    .quad 3000000
    .lanes f - C, 0
EOF
both noret
expect_eq "3 million calls that never return: exit 7 in both modes" "7 7" "$JS $IS"
expect_eq "... same registers and count" "" "$(diff jit.rep int.rep)"
expect_eq "... the JIT kept at most 8191 entries (366 resets)" 366 "$(returns 4)"

# g returns to alt, not to the call's return point (it moves ra's pc
# lane down by alt - C0 - 2), 200 times: the JIT's top entry does not match, so the jump
# cache takes it there; a0 counts 10 per pass and never 1: 2000 & 255
mk elsewhere <<'EOF'
.text
    movi.i64 a0, 0
    movi.i64.w s1, 200
    movi.i64 s2, 0
    movq.i64 s3, ib64(0)
loop:
C0: jal.i64 ra, ib64(1)
    addi.i64 a0, 1
alt: addi.i64 a0, 10
    addi.i64 s1, -1
    cmp.ne.i64 s1, s2
    b loop
    movi.i64.w t0, 93
    syscall
g:  sub.i64 ra, ra, s3
R:  jtl.i64 ra, ib64(2)
.const
    .quad alt - C0 - 2
    .lanes g - C0, 0
    .lanes g - R + 2, 0
EOF
both elsewhere
expect_eq "a return elsewhere (ra rewritten): 200 x 10 in both modes" "208 208" "$JS $IS"
expect_eq "... same registers and count" "" "$(diff jit.rep int.rep)"
expect_eq "... those returns were mispredicted" 1 "$(( $(returns 2) >= 190 ))"

# the same with ra's ib lane moved instead: g returns to the call's
# return pc with the next immediate block (ib + 64), where the constant
# read is 10, not 1; an ibj moves ib back.  200 x 10 & 255 = 208
mk elsewhere_ib <<'EOF'
.text
    movi.i64 a0, 0
    movi.i64.w s1, 200
    movi.i64 s2, 0
    movq.i64 s3, ib64(0)
loop:
C0: jal.i64 ra, ib64(1)
    movq.i64 a1, ib64(3)
    ibj -64
    add.i64 a0, a0, a1
    addi.i64 s1, -1
    cmp.ne.i64 s1, s2
    b loop
    movi.i64.w t0, 93
    syscall
g:  sub.i64 ra, ra, s3
R:  jtl.i64 ra, ib64(2)
.const
    .lanes 0, 64
    .lanes g - C0, 0
    .lanes g - R + 2, 0
    .quad 1
    .align 64
    .quad 0
    .quad 0
    .quad 0
    .quad 10
EOF
both elsewhere_ib
expect_eq "a return to the call's pc with another ib: 200 x 10 in both modes" "208 208" "$JS $IS"
expect_eq "... same registers and count" "" "$(diff jit.rep int.rep)"
expect_eq "... those returns were mispredicted" 1 "$(( $(returns 2) >= 190 ))"

# an unwinding (longjmp-like): outer keeps sp and ra, inner recurses 3
# deep and then returns straight to outer's caller with outer's link,
# past the three frames and their entries; 2000 passes, each adds 1
# (inner's frames would add 100 each were they returned through), with
# one ordinary call and return after every unwinding that adds 2:
# 2000 x 3 = 6000, & 255 = 112
mk unwind <<'EOF'
.text
    movi.i64 s0, 0
    movi.i64.w s1, 2000
    movi.i64 s2, 0
loop:
C0: jal.i64 ra, ib64(0)
    addi.i64 s0, 1
C1: jal.i64 ra, ib64(1)
    addi.i64 s1, -1
    cmp.ne.i64 s1, s2
    b loop
    mov.i64 a0, s0
    movi.i64.w t0, 93
    syscall
one: addi.i64 s0, 2
R1: jtl.i64 ra, ib64(2)
outer: mov.i64 s4, sp
    mov.i64 s5, ra
    movi.i64 a0, 3
C2: jal.i64 ra, ib64(3)
    movi.i64 s0, 1
inner: movi.i64 t1, 0
    cmp.eq.i64 a0, t1
    b jump
    addi.i64.w sp, -64
    store.i64 ra, 0(sp)
    addi.i64 a0, -1
C3: jal.i64 ra, ib64(4)
    addi.i64 s0, 100
    load.i64 ra, 0(sp)
    addi.i64.w sp, 64
R2: jtl.i64 ra, ib64(5)
jump: mov.i64 sp, s4
    mov.i64 ra, s5
R3: jtl.i64 ra, ib64(6)
.const
    .lanes outer - C0, 0
    .lanes one - C1, 0
    .lanes one - R1 + 2, 0
    .lanes inner - C2, 0
    .lanes inner - C3, 0
    .lanes inner - R2 + 2, 0
    .lanes outer - R3 + 2, 0
EOF
both unwind
expect_eq "an unwinding past 3 frames, 2000 times: 2000 x 3 in both modes" "112 112" "$JS $IS"
expect_eq "... same registers and count" "" "$(diff jit.rep int.rep)"
expect_eq "... the unwindings were mispredicted, the ordinary returns predicted" 1 \
    "$(( $(returns 2) >= 1990 && $(returns 1) >= 1990 ))"

# a fault 50 calls deep: a load from an unmapped page (a host fault in
# translated code) and one beyond the guest space (the range check's
# cold exit); the report, registers and count are the interpreter's
for how in host range; do
    addr=0x6fffff8
    [ $how = range ] && addr=0x3ffffffff8
    mk fault_$how <<EOF
.text
    movi.i64.w a0, 50
    movi.i64 s0, 0
    movq.i64 s1, ib64(0)
C0: jal.i64 ra, ib64(1)
    movi.i64.w t0, 93
    syscall
rec: cmp.eq.i64 a0, s0
    b bottom
    addi.i64.w sp, -64
    store.i64 ra, 0(sp)
    addi.i64 a0, -1
C1: jal.i64 ra, ib64(1)
    load.i64 ra, 0(sp)
    addi.i64.w sp, 64
R:  jtl.i64 ra, ib64(2)
bottom: movi.i64 a1, 5
    load.i64 a2, 8(s1)
    jtl.i64 ra, ib64(2)
.const
    .quad $addr
    .lanes rec - C0, 0
    .lanes rec - R + 2, 0
EOF
    both fault_$how
    expect_eq "a $how fault 50 calls deep: the same status in both modes" "$IS" "$JS"
    expect_match "... a segmentation fault" "segmentation fault" "$(cat jit.rep)"
    expect_eq "... the same report, registers and count" "" "$(diff jit.rep int.rep)"
done

# --max-insns stopping anywhere in nested calls and their returns (rec
# 20 deep, three passes, the JIT's entries kept from the second pass
# on): the registers and count of the interpreter at every 7th count
sed -e 's/^    \.quad 20000$/    .quad 20/' deep.s > nest.in
mk nest < nest.in
both nest
total=$(sed -n 's/^count //p' int.rep)
expect_eq "rec 20 deep, three times: 60 in both modes, the JIT's returns predicted" "60 60 1" \
    "$JS $IS $(( $(returns 1) > 0 ))"
sweep nest "$total" 7 60
if [ -z "$SWEPT" ]; then
    ok "--max-insns at every 7th of $total counts in nested calls: same registers and count"
else
    not_ok "--max-insns in nested calls: JIT and interpreter differ" "$SWEPT"
fi
finish
