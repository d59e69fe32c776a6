# jit_audit.sh - --jit-audit: every run of a translated block checked
# against the interpreter (jit_diff.sh runs its random programs and
# traps under it too).  The examples pass it with the output they have
# without it (a line of --stats says how many block runs were compared,
# so a run that audited nothing does not count); and a translation
# broken on purpose (GLYPH_JIT_AUDIT_BREAK: a constant off by one, a
# store displaced by 8 bytes, in the translated code only) is caught:
# exit status 125 and a report naming the block, the register or
# memory word and both values.
. "$GLYPH_SRC/tests/common.sh"
. "$GLYPH_SRC/tests/run/_emu.sh"

# the examples: same output and status as without the audit (the color
# examples run the checked translations)
for ex in "fib 20" "sieve" "sha256" "qsort" "sort" "wc" "colors" "colors-vault" "compartments"; do
    set -- $ex
    bin="$GLYPH_BUILD/examples/$1"
    shift
    [ -x "$bin" ] || { skip "example $bin not built"; continue; }
    printf 'one two\nthree\n' > in.txt
    "$EMU" --jit-audit --stats "$bin" "$@" < in.txt > ex.out 2> ex.err
    st=$?
    "$EMU" --no-jit "$bin" "$@" < in.txt > ref.out 2> /dev/null
    rs=$?
    if [ $st = $rs ] && cmp -s ex.out ref.out && grep -q 'no difference' ex.err; then
        ok "example $ex: audit passes ($(audited ex.err) block runs), same output"
    else
        not_ok "example $ex: audit" "status $st vs $rs" "$(head -20 ex.err)"
    fi
done

# a translation broken on purpose must be caught
mk broken <<'EOF' || true
.text
_start:
    mov.i64 s0, sp
    movi.i64 a2, 7
    store.i64 a2, -16(s0)
    movi.i64 a0, 0
    movi.i64 t0, 93
    syscall
.const
    .quad 0
EOF
GLYPH_JIT_AUDIT_BREAK=const "$EMU" --jit-audit ./broken > /dev/null 2> const.out
st=$?
expect_eq "broken constant: exit status 125" 125 $st
expect_match "broken constant: the report names the block" \
    'jit audit: translated block at pc=0x[0-9a-f]+ ib=0x[0-9a-f]+ differs' "$(cat const.out)"
expect_match "broken constant: a2 (r8) is 7 interpreted, 8 translated" \
    '^  r8/a2 +interpreter 0x0000000000000007  jit 0x0000000000000008$' "$(cat const.out)"
expect_match "broken constant: the stored value differs too" \
    '^  \[0x[0-9a-f]+\] +interpreter 0x0000000000000007  jit 0x0000000000000008 \(memory' \
    "$(cat const.out)"
expect_match "broken constant: the block's instructions are listed" \
    '^    0x[0-9a-f]+  movi\.i64(\.w)? a2, 7$' "$(cat const.out)"
GLYPH_JIT_AUDIT_BREAK=store "$EMU" --jit-audit ./broken > /dev/null 2> store.out
st=$?
expect_eq "broken store: exit status 125" 125 $st
expect_match "broken store: the word the interpreter wrote" \
    '^  \[0x[0-9a-f]+\] +interpreter 0x0000000000000007  jit 0x0000000000000000 \(memory' \
    "$(cat store.out)"
expect_match "broken store: the word the translation wrote" \
    '^  \[0x[0-9a-f]+\] +interpreter 0x0000000000000000  jit 0x0000000000000007 \(memory' \
    "$(cat store.out)"
# ... and without the break the same program passes
"$EMU" --jit-audit --stats ./broken > /dev/null 2> ok.out
expect_eq "unbroken: audited, no difference, exit status 0" "0 1" "$? $(audited ok.out)"
finish
