# jit_audit.sh - --jit-audit: every run of a translated block checked
# against the interpreter.  The random programs of jit_diff.sh and the
# examples pass it (a line of --stats says how many block runs were
# compared, so a run that audited nothing does not count); traps inside
# a translated block give the report they give without the audit; and
# a translation broken on purpose (GLYPH_JIT_AUDIT_BREAK: a constant
# off by one, a store displaced by 8 bytes, in the translated code only)
# is caught: exit status 125 and a report naming the block, the register
# or memory word and both values.
. "$GLYPH_SRC/tests/common.sh"
. "$GLYPH_SRC/tests/run/_emu.sh"

# audited COUNTFILE: the number of block runs the audit checked
audited() { sed -n 's/.*jit audit: \([0-9]*\) block runs checked.*/\1/p' "$1"; }

checked=0
seed=1
while [ $seed -le 12 ]; do
    python3 "$GLYPH_SRC/tests/run/_jitdiff.py" $seed > p$seed.s
    if ! "$MKEXE" -o p$seed p$seed.s 2> p$seed.err; then
        not_ok "seed $seed: build" "$(cat p$seed.err)"
        seed=$((seed + 1))
        continue
    fi
    "$EMU" --jit-audit --stats ./p$seed > /dev/null 2> audit.out
    st=$?
    n=$(audited audit.out)
    checked=$((checked + ${n:-0}))
    if [ $st = 133 ] && grep -q 'no difference' audit.out; then
        ok "seed $seed: audit passes ($n block runs)"
    else
        not_ok "seed $seed: audit" "status $st" "$(grep -v '^r[0-9]*=' audit.out | head -20)"
    fi
    seed=$((seed + 1))
done
expect_eq "the audit compared translated block runs" 1 $((checked > 1000))

# the examples: same output and status as without the audit
for ex in "fib 20" "sieve" "sha256" "qsort" "sort" "wc"; do
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

# traps in translated blocks (a host fault, a range-check exit): the
# audit's runs come back to it and the report is the usual one
for sh in 29 40; do
    mk trap$sh <<EOT || continue
.text
_start:
    movi.i64 a2, 7
    movi.i64 s2, -3
    movi.i64 a0, 1
    slli.i64 a0, $sh
    addi.i64 t0, 5
    store.i32 a2, 8(a0)
    movi.i64 a3, 9
    j next
next:
    break 0
.const
    .quad 0
EOT
    GLYPH_JIT=1 GLYPH_NO_JIT=0 "$EMU" --dump-regs ./trap$sh > /dev/null 2> plain.out
    ps=$?
    GLYPH_JIT=1 GLYPH_NO_JIT=1 "$EMU" --jit-audit --stats --dump-regs ./trap$sh > /dev/null 2> audit.out
    st=$?
    grep -v -e 'stats:' -e '^glyph-run: jit' audit.out > audit.rep
    if [ $st = 139 ] && [ $ps = 139 ] && cmp -s audit.rep plain.out && [ "$(audited audit.out)" = 1 ]; then
        ok "store trap at 1<<$sh: audited, same report and registers"
    else
        not_ok "store trap at 1<<$sh under the audit" "status $st vs $ps" \
            "$(diff audit.rep plain.out | head -10)" "$(grep audit audit.out)"
    fi
done

# a translation broken on purpose must be caught
mk broken <<'EOF' || true
.text
_start:
    mov.i64 s0, sp
    movi.i64 a2, 7
    store.i64 a2, -16(s0)
    movi.i64 a3, 9
    j next
next:
    break 0
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
expect_eq "unbroken: audited, no difference, status 133" "133 1" "$? $(audited ok.out)"
finish
