# _emu.sh - helpers for the glyph-run tests, sourced after common.sh.
#
#   mk NAME <<'EOF' ... EOF      build ./NAME from _mkexe text on stdin
#   regcase NAME BODY CONSTS CHECK...
#        program: .text BODY, then `break 0`; .const CONSTS.  Runs it with
#        --dump-regs and checks each CHECK (reg=hex, e.g. r4=0x2a or
#        flag=1 or pc=0x10006) against the dump; one TAP line per case.
#   audited FILE   block runs --jit-audit compared, from its --stats line in FILE
MKEXE="$GLYPH_BUILD/tests/run/_mkexe"
EMU="$GLYPH_BUILD/bin/glyph-run"
[ -x "$MKEXE" ] || skip_all "test helper $MKEXE not built"

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
