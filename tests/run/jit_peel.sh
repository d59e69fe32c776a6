# jit_peel.sh - peeled loops (docs/run.md, "JIT design"; translate.h,
# "Loops"): a loop whose body loads before it writes the flag and whose
# edge back leaves the flag as a compare not yet written runs its first
# iteration's load in the entry, with the flag the loop was entered
# with, and the later iterations' in the body, where the flag is the
# compare's.  A fault at either (a host fault on an unmapped page, or
# the range check past the guest space) reports the interpreter's
# registers, flag and count: 0 in the first iteration (the cmp.ne
# before the loop), 1 in a later one (the loop's cmp.ne); and
# --max-insns stops it anywhere with the interpreter's state.
. "$GLYPH_SRC/tests/common.sh"
. "$GLYPH_SRC/tests/run/_emu.sh"
JIT_ARGS=--jit-threshold=1 # the loop translated from its first iteration

# loop NAME MAP SRC: map the page MAP, then load a byte a time from SRC
# on for 10 iterations (the loop is the block after the mmap syscall, so
# with threshold 1 its translation runs from the first iteration)
loop() {
    mk "$1" <<EOF
.text
    movq.i64 s0, ib64(3)
    movi.i64 s1, 10
    movi.i64 s3, 0
    movi.i64 s4, 0
    cmp.ne.i64 s3, s3
$MAP
loop: load.u8 t1, 0(s0)
    add.i64 s4, s4, t1
    addi.i64 s0, 1
    addi.i64 s1, -1
    cmp.ne.i64 s1, s3
    b loop
    movi.i64 a0, 0
    movi.i64.w t0, 93
    syscall
.const
    .quad $2
    .quad 4096
    .quad 0x32
    .quad $3
EOF
}

loop clean 0x40000000 0x40000000
run glyph-run --jit-threshold=1 --jit-dump=clean.dump ./clean
expect_eq "the loop runs to its end" 0 "$STATUS"
expect_match "... its translation is peeled: the first iteration's load in the entry" \
    '^    first 0x[0-9a-f]+  load\.u8 t1, 0\(s0\)$' "$(cat clean.dump)"
if command -v objdump > /dev/null; then
    check "... and the dump reads as objdump reads its code" \
        python3 "$GLYPH_SRC/tests/run/_jitdump.py" clean.dump
fi

# faults: NAME MAP SRC FLAG WHERE
while read -r name map src flag where; do
    loop "$name" "$map" "$src" || continue
    both "$name"
    if [ "$JS $IS" = "139 139" ] && cmp -s jit.rep int.rep; then
        ok "$where: the interpreter's report, registers, flag and count"
    else
        not_ok "$where: JIT and interpreter differ" "status $JS vs $IS
$(diff jit.rep int.rep | head -8)"
    fi
    expect_eq "$where: the flag" "$(hex16 "$flag")" "$(sed -n 's/^flag=//p' jit.rep)"
done <<'EOF'
hostfirst 0x40000000 0x40001000 0 a host fault in the first iteration (the entry's load)
hostlater 0x40000000 0x40000ffd 1 a host fault in the fourth iteration (the body's load)
rangefirst 0xffffff000 0x1000000000 0 the range check in the first iteration
rangelater 0xffffff000 0xffffffffd 1 the range check in the fourth iteration
EOF

# stopped at every count through the loop and its exit
both clean
total=$(sed -n 's/^count //p' int.rep)
sweep clean "$total" 1 0
if [ -z "$SWEPT" ]; then
    ok "--max-insns 1..$total over the peeled loop: same registers, flag and count"
else
    not_ok "--max-insns over the peeled loop: JIT and interpreter differ" "$SWEPT"
fi
finish
