# jit_sweep.sh - the JIT's precise state, swept (docs/run.md, "JIT
# design": precise faults, exact --max-insns).  A translated block of
# N instructions faults at each position k = 0..N-1 in turn: a store
# or a load to an unmapped page (a host fault) or past the guest space
# (the range check), the block reached through `j` or (-sb) as the
# fall-through of a `b` in one superblock with the block before it; and
# a small program with loops, loads, stores and
# branches is stopped by --max-insns at every count from 1 to one past
# its end (at its length and after it, it exits).  Each run, with the JIT and with GLYPH_NO_JIT=1, must give
# the same exit status, report, --dump-regs and instruction count; the
# faults must have been taken in translated code (the jit line of
# --stats counts them).  Both runs get environments of the same size
# (the initial sp depends on it).
. "$GLYPH_SRC/tests/common.sh"
. "$GLYPH_SRC/tests/run/_emu.sh"
SWEEP="$GLYPH_SRC/tests/run/_jitsweep.py"
N=40

# both PROG ARGS...: run PROG in both modes; sets JS IS (statuses),
# JIT_LINE, and jit.rep / int.rep (report, registers, count)
both() {
    prog=$1
    shift
    GLYPH_JIT=1 GLYPH_NO_JIT=0 "$EMU" --stats --dump-regs "$@" "./$prog" > /dev/null 2> jit.out
    JS=$?
    GLYPH_JIT=1 GLYPH_NO_JIT=1 "$EMU" --stats --dump-regs "$@" "./$prog" > /dev/null 2> int.out
    IS=$?
    JIT_LINE=$(grep '^glyph-run: jit' jit.out)
    for m in jit int; do
        { grep -v -e '^glyph-run: jit' -e 'stats:' $m.out
          sed -n 's/.*stats: \([0-9]*\) instructions.*/count \1/p' $m.out; } > $m.rep
    done
}

python3 "$SWEEP" faults $N
# note TEXT: a difference, for the sweep's verdict
bad=""
note() {
    bad="$bad
$1"
}
# verdict OK-DESC FAIL-DESC: the sweep's one TAP line
verdict() {
    if [ -z "$bad" ]; then ok "$1"; else not_ok "$2" "$bad"; fi
    bad=""
}

for kind in store-unmapped load-unmapped store-range load-range store-unmapped-sb load-range-sb; do
    case $kind in
    *-unmapped*) exit_seen='[1-9][0-9]* host faults' ;;
    load-range*) exit_seen='[1-9][0-9]* load traps' ;;
    store-range*) exit_seen='[1-9][0-9]* store traps' ;;
    esac
    setup=16 # set-up 5 + 10 registers + j
    case $kind in *-sb) setup=18 ;; esac # ... + store, cmp, b
    k=0
    while [ $k -lt $N ]; do
        if ! "$MKEXE" -o f $kind-$k.s 2> f.err; then
            note "k=$k: build: $(cat f.err)"
            k=$((k + 1))
            continue
        fi
        both f
        if [ $JS != 139 ] || [ $IS != 139 ] || ! cmp -s jit.rep int.rep; then
            note "k=$k: status $JS vs $IS
$(diff jit.rep int.rep | head -8)"
        elif ! printf '%s\n' "$JIT_LINE" | grep -q "$exit_seen"; then
            note "k=$k: the fault was not taken in translated code: $JIT_LINE"
        elif ! grep -q "^count $((k + setup))\$" int.rep; then
            note "k=$k: $(grep '^count' int.rep), want $((k + setup)) (set-up, then k)"
        elif [ $k = $((N - 1)) ] && ! { "$EMU" --jit-dump=f.dump ./f 2> /dev/null;
                                        grep -q 'superblock of [2-9] blocks' f.dump; }; then
            note "k=$k: the block and the set-up were not one superblock"
        fi
        k=$((k + 1))
    done
    verdict "$kind at each of the $N positions of a translated block: same report, registers, count" \
        "$kind: JIT and interpreter differ"
done

# --max-insns at every count
python3 "$SWEEP" loop > loop.s
if "$MKEXE" -o loop loop.s 2> loop.err; then
    both loop
    total=$(sed -n 's/^count //p' int.rep)
    expect_eq "the loop program runs to its exit in both modes" "0 0 $total" "$JS $IS $(sed -n 's/^count //p' jit.rep)"
    n=1
    while [ $n -le $((total + 1)) ]; do
        both loop --max-insns $n
        want=124
        [ $n -ge "$total" ] && want=0 # the exit syscall is the last one
        if [ $JS != $want ] || [ $IS != $want ] || ! cmp -s jit.rep int.rep; then
            note "--max-insns $n: status $JS vs $IS (want $want)
$(diff jit.rep int.rep | head -8)"
        elif [ $want = 124 ] && ! grep -q "stopped after $n instructions" int.rep; then
            note "--max-insns $n: $(head -1 int.rep)"
        fi
        n=$((n + 1))
    done
    verdict "--max-insns 1..$((total + 1)): same stop report, registers and count in both modes" \
        "--max-insns sweep: JIT and interpreter differ"
    expect_match "the loop's blocks are translated" 'jit: [1-9][0-9]* blocks translated' "$JIT_LINE"
else
    not_ok "loop: build" "$(cat loop.err)"
fi
finish
