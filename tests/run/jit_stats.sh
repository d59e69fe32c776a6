# jit_stats.sh - the JIT's counters in --stats that only --stats turns
# on: translated code counts its jump-cache hits only then (the count
# is a memory read-modify-write per indirect jump), so a run with
# --stats must show them.  examples/sort calls qsort with a function
# pointer: the runtime's indirect-call trampoline jumps through the
# jump cache for every comparison.
. "$GLYPH_SRC/tests/common.sh"
. "$GLYPH_SRC/tests/run/_emu.sh"
[ "${GLYPH_NO_JIT:-0}" = 1 ] && skip_all "JIT counters: the interpreter has none"

printf 'pear\napple\nfig\nplum\nkiwi\nlime\n' > in.txt
run glyph-run --stats "$GLYPH_BUILD/examples/sort" in.txt
expect_eq "sort: status" 0 "$STATUS"
expect_eq "sort: output" "apple
fig
kiwi
lime
pear
plum" "$OUT"
expect_match "jump-cache hits counted" 'jit: .* jump cache [1-9][0-9]* hits [0-9]+ misses$' "$ERR"

# the register profile's end drops every translation once: one flush
GLYPH_JIT_PROFILE=2000 run glyph-run --stats "$GLYPH_BUILD/examples/sort" in.txt
expect_eq "profiled: status" 0 "$STATUS"
expect_match "one code flush, counted once" 'jit: .*, 1 code flushes, ' "$ERR"
finish
