# jit_tier.sh - the JIT's threshold (docs/run.md, "JIT design", "What
# runs today"): with the default (2) a block is interpreted on its first
# run and translated on its second, so examples/hello, whose blocks run
# once, translates nothing and prints what the interpreter prints; a
# loop is translated; --jit-threshold=N and GLYPH_JIT_THRESHOLD=N set N
# (the option wins; 0 or garbage is a usage error).  A fault in a
# block's first (interpreted) run and in a later (translated) run, and
# --max-insns at every count of a loop whose superblock is translated on
# its second pass, give the interpreter's report, registers and count.
# --jit-dump, --perf-map and --jit-audit translate every block on its
# first run; with a threshold given, the dump and the perf map show the
# translations made (not the blocks that ran once).
# The test runner's JIT pass sets GLYPH_JIT_THRESHOLD=1; every run here
# says which threshold it wants.
. "$GLYPH_SRC/tests/common.sh"
. "$GLYPH_SRC/tests/run/_emu.sh"

# the default threshold, the JIT on, whatever the pass
dflt() { env -u GLYPH_JIT_THRESHOLD GLYPH_NO_JIT=0 "$EMU" "$@"; }
interp() { env -u GLYPH_JIT_THRESHOLD GLYPH_NO_JIT=1 "$EMU" "$@"; }
translated() { sed -n 's/.*jit: \([0-9]*\) blocks translated.*/\1/p' "$1"; }
# translated code's traps: load traps + host faults of the exits line
jit_traps() {
    sed -n 's/.* \([0-9]*\) load traps, .* \([0-9]*\) host faults,.*/\1 \2/p' "$1" |
        { read -r a b && echo $((a + b)); }
}
# report FILE: the stderr of a run without the JIT's --stats lines
report() { grep -v -e '^glyph-run: jit' -e 'stats:' "$1"; }
count() { sed -n 's/.*stats: \([0-9]*\) instructions.*/\1/p' "$1"; }

hello="$GLYPH_BUILD/examples/hello"
if [ -x "$hello" ]; then
    dflt --stats "$hello" > jit.out 2> jit.err
    js=$?
    interp "$hello" > int.out 2> /dev/null
    is=$?
    expect_eq "hello, default threshold: same output and status as interpreted" \
        "$is $(cat int.out)" "$js $(cat jit.out)"
    expect_eq "... and no block translated (each runs once)" 0 "$(translated jit.err)"
    dflt --stats --jit-threshold=1 "$hello" > /dev/null 2> one.err
    n=$(translated one.err)
    expect_eq "hello, --jit-threshold=1: every block translated on its first run" \
        yes "$([ "${n:-0}" -ge 3 ] && echo yes || echo "no ($n)")"
    dflt --stats --jit-audit "$hello" > /dev/null 2> audit.err
    expect_eq "hello under --jit-audit: translated and audited on the first run, whatever the threshold" \
        "$n $n" "$(translated audit.err) $(audited audit.err)"
    dflt --jit-dump=hello.dump "$hello" > /dev/null 2>&1
    expect_eq "hello under --jit-dump: every block translated (and dumped) on its first run" \
        "0 $n" "$? $(grep -c '^block pc=' hello.dump)"
    dflt --jit-dump=hello.dump --jit-threshold=2 "$hello" > /dev/null 2>&1
    expect_eq "... with --jit-threshold=2: an empty dump" "0 0" "$? $(wc -c < hello.dump)"
    # no code buffer made: no memfd for it (strace sees the calls; the
    # total count would vary with the allocator, e.g. a sanitizer's);
    # with threshold 1 there is one, so the check can see it
    if strace -f -c -o /dev/null true 2> /dev/null; then
        buf() { o=$1; shift; strace -f -e trace=memfd_create -o "$o" env -u GLYPH_JIT_THRESHOLD \
                    GLYPH_NO_JIT=0 "$EMU" "$@" > /dev/null 2>&1; grep -c 'memfd_create("glyph-jit"' "$o"; }
        expect_eq "hello, default threshold: the JIT makes no code buffer (no memfd_create)" \
            0 "$(buf sj.txt "$hello")"
        expect_eq "... and with --jit-threshold=1 it does" 1 "$(buf s1.txt --jit-threshold=1 "$hello")"
    else
        skip "strace cannot trace here"
    fi
else
    skip "example $hello not built"
fi

# loop K: _start, then a loop of 5 passes whose block jumps into a
# second one (one superblock); its load reads 0x20000000 (unmapped) on
# the pass where the counter s1 equals K (5: the first pass, 3: the
# third; 9: never)
loop() {
    mk "loop$1" <<EOF
.text
    mov.i64 s0, sp
    movi.i64 t0, 64
    sub.i64 s0, s0, t0
    movq.i64 s5, ib64(0)
    movi.i64 s1, 5
    movi.i64 s3, 0
    movi.i64 s4, $1
    j top
top: cmp.eq.i64 s1, s4
    cmov.i64 s0, s5
    load.i64 a1, 0(s0)
    j mid
mid: addi.i64 s1, -1
    cmp.ne.i64 s1, s3
    b top
    movi.i64 a0, 0
    movi.i64 t0, 93
    syscall
.const
    .quad 0x20000000
EOF
}
loop 9 && loop 5 && loop 3

# both NAME ARGS...: --stats --dump-regs of ./NAME, default threshold and
# interpreted: JS IS statuses, jit.err int.err
both() {
    prog=$1
    shift
    timeout 30 env -u GLYPH_JIT_THRESHOLD GLYPH_NO_JIT=0 "$EMU" --stats --dump-regs "$@" \
        "./$prog" > /dev/null 2> jit.err
    JS=$? # (124 and no report if it hangs: a run loop that never gets on)
    interp --stats --dump-regs "$@" "./$prog" > /dev/null 2> int.err
    IS=$?
}

both loop9
expect_eq "a loop, default threshold: runs to its end as interpreted" "0 0" "$JS $IS"
expect_eq "... and its superblock is translated (on the second pass)" 1 "$(translated jit.err)"
dflt --stats --jit-threshold=6 ./loop9 2> six.err > /dev/null
expect_eq "--jit-threshold=6: 5 passes translate nothing" 0 "$(translated six.err)"
GLYPH_NO_JIT=0 GLYPH_JIT_THRESHOLD=6 "$EMU" --stats ./loop9 2> six.err > /dev/null
expect_eq "GLYPH_JIT_THRESHOLD=6: the same" 0 "$(translated six.err)"
GLYPH_NO_JIT=0 GLYPH_JIT_THRESHOLD=6 "$EMU" --stats --jit-threshold=5 ./loop9 2> five.err > /dev/null
expect_eq "--jit-threshold=5 wins over GLYPH_JIT_THRESHOLD=6: translated on the fifth pass" \
    1 "$(translated five.err)"
run glyph-run --jit-threshold=0 ./loop9
expect_eq "--jit-threshold=0: usage error" \
    "1 glyph-run: --jit-threshold: bad count '0'" "$STATUS $(printf '%s\n' "$ERR" | head -1)"
GLYPH_JIT_THRESHOLD=two "$EMU" ./loop9 > /dev/null 2> bad.err
expect_eq "GLYPH_JIT_THRESHOLD=two: usage error" \
    "1 glyph-run: GLYPH_JIT_THRESHOLD: bad count 'two'" "$? $(head -1 bad.err)"

# faults: in the loop's first pass (interpreted, nothing translated yet)
# and in its third (translated code traps)
both loop5
expect_eq "a fault in a block's first run: the interpreter's status and report, registers, count" \
    "$IS $(report int.err) $(count int.err)" "$JS $(report jit.err) $(count jit.err)"
expect_eq "... raised by the interpreter (nothing translated, no translated-code trap)" \
    "0 0" "$(translated jit.err) $(jit_traps jit.err)"
both loop3
expect_eq "a fault in a later run of a translated block: the interpreter's status and report, registers, count" \
    "$IS $(report int.err) $(count int.err)" "$JS $(report jit.err) $(count jit.err)"
expect_eq "... raised by the translated code" "1 1" "$(translated jit.err) $(jit_traps jit.err)"
expect_match "... a segmentation fault at the load" 'load from unmapped address 0x20000000' \
    "$(cat jit.err)"

# --max-insns at every count of loop9: the switch to the superblock's
# translation (second pass) and its budget check at entry
both loop9
total=$(count int.err)
bad=""
n=1
while [ "$n" -le "$total" ]; do
    both loop9 --max-insns $n
    if [ "$JS $(report jit.err) $(count jit.err)" != "$IS $(report int.err) $(count int.err)" ]; then
        bad="$bad $n"
        break # (the first is enough)
    fi
    n=$((n + 1))
done
expect_eq "--max-insns 1..$total across the switch: status, registers and count as interpreted" \
    "" "$bad"

# the dump and the perf map with a threshold of 2 given: the
# translations made (the superblock of top and mid), not the blocks
# that ran once (_start at 0x10000, the exit)
dflt --stats --jit-dump=loop.dump --jit-threshold=2 ./loop9 > /dev/null 2> dump.err
expect_eq "--jit-dump: one translation, as --stats counts" \
    "1 1" "$(grep -c '^block pc=' loop.dump) $(translated dump.err)"
expect_match "... the loop's superblock" '^block pc=0x[0-9a-f]+ .*superblock of 2 blocks' \
    "$(cat loop.dump)"
expect_eq "... not _start, which ran once" 0 "$(grep -c '^block pc=0x10000 ' loop.dump)"
GLYPH_NO_JIT=0 GLYPH_JIT_THRESHOLD=2 "$EMU" --perf-map ./loop9 > /dev/null 2>&1 &
pid=$!
wait $pid
map=/tmp/perf-$pid.map
if [ -f "$map" ]; then
    expect_eq "--perf-map: one line, the translation" 1 "$(wc -l < "$map")"
    rm -f "$map"
else
    not_ok "--perf-map: $map written"
fi

finish
