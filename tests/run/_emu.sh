# _emu.sh - helpers for the glyph-run tests, sourced after common.sh.
#
#   mk NAME <<'EOF' ... EOF      build ./NAME from _mkexe text on stdin
#   regcase NAME BODY CONSTS CHECK...
#        program: .text BODY, then `break 0`; .const CONSTS.  Runs it with
#        --dump-regs and checks each CHECK (reg=hex, e.g. r4=0x2a or
#        flag=1 or pc=0x10006) against the dump; one TAP line per case.
#   audited FILE   block runs --jit-audit compared, from its --stats line in FILE
#   both NAME ARGS...   ./NAME with --dump-regs --stats ARGS, with the JIT
#        (and $JIT_ARGS) and interpreted: statuses JS IS, jit.rep int.rep
#        the report, registers and "count N"
#   sweep NAME TOTAL STEP END   both NAME --max-insns N for N = 1, 1+STEP...
#        up to TOTAL (status 124 below TOTAL, else END, both modes alike);
#        SWEPT: the differences, empty when there is none
#   MAP   _mkexe text that maps one page fixed, read-write (mmap with
#        ib64(0) the address, ib64(1) the length, ib64(2) the flags 0x32:
#        the program's constants from ib64(3)); a0..a5, t0 changed
MKEXE="$GLYPH_BUILD/tests/run/_mkexe"
EMU="$GLYPH_BUILD/bin/glyph-run"
[ -x "$MKEXE" ] || skip_all "test helper $MKEXE not built"
MAP='    movq.i64 a0, ib64(0)
    movq.i64 a1, ib64(1)
    movi.i64 a2, 3
    movq.i64 a3, ib64(2)
    movi.i64 a4, -1
    movi.i64 a5, 0
    movi.i64.w t0, 222
    syscall'

mk() {
    cat > "$1.s"
    shift_name=$1
    shift
    if ! "$MKEXE" -o "$shift_name" "$@" "$shift_name.s" 2> "$shift_name.mkerr"; then
        not_ok "build $shift_name" "$(cat "$shift_name.mkerr")"
        return 1
    fi
}

audited() { sed -n 's/.*jit audit: \([0-9]*\) block runs checked.*/\1/p' "$1"; }

# hex16 VALUE: 0x-prefixed, zero-padded to 16 digits (string only, no arithmetic)
hex16() {
    h=${1#0x}
    while [ ${#h} -lt 16 ]; do h=0$h; done
    printf '0x%s' "$h"
}

regcase() {
    name=$1 body=$2 consts=$3
    shift 3
    printf '.text\n_start:\n%s\n    break 0\n.const\n%s\n.const\n    .quad 0\n' "$body" "$consts" > "$name.s"
    if ! "$MKEXE" -o "$name" "$name.s" 2> "$name.mkerr"; then
        not_ok "$name: build" "$(cat "$name.mkerr")"
        return
    fi
    run glyph-run --dump-regs "./$name"
    bad=""
    if [ "$STATUS" != 133 ]; then
        bad="exit status $STATUS (want 133 from the final break)"
    fi
    for kv in "$@"; do
        k=${kv%%=*}
        want=$(hex16 "${kv#*=}")
        got=$(printf '%s\n' "$ERR" | grep "^$k=" | cut -d= -f2)
        [ "$got" = "$want" ] || bad="$bad
$k: want $want got $got"
    done
    if [ -z "$bad" ]; then ok "$name"; else not_ok "$name" "$bad" "$(printf '%s\n' "$ERR" | grep -v '^r[1-6][0-9]=' | head -20)"; fi
}

both() {
    prog=$1
    shift
    # shellcheck disable=SC2086 # JIT_ARGS: words
    GLYPH_NO_JIT=0 "$EMU" --jit ${JIT_ARGS:-} --stats --dump-regs "$@" "./$prog" > /dev/null 2> jit.out
    JS=$?
    GLYPH_NO_JIT=1 "$EMU" --stats --dump-regs "$@" "./$prog" > /dev/null 2> int.out
    IS=$?
    for m in jit int; do
        { grep -v -e '^glyph-run: jit' -e 'stats:' $m.out
          sed -n 's/.*stats: \([0-9]*\) instructions.*/count \1/p' $m.out; } > $m.rep
    done
}

sweep() {
    SWEPT=""
    n=1
    while [ "$n" -le "$2" ]; do
        both "$1" --max-insns $n
        want=124
        [ "$n" -ge "$2" ] && want=$4
        if [ "$JS" != "$want" ] || [ "$IS" != "$want" ] || ! cmp -s jit.rep int.rep; then
            SWEPT="$SWEPT
--max-insns $n: status $JS vs $IS (want $want)
$(diff jit.rep int.rep | head -6)"
        fi
        n=$((n + $3))
    done
}
