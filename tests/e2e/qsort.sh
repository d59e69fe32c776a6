# qsort.sh - examples/qsort/ (main.s, quicksort.s): recursive quicksort with a tail call.
. "$GLYPH_SRC/tests/e2e/_example.sh"
example qsort
run glyph-run "$EX"
expect_eq "exit status" 0 "$STATUS"
want=$(printf '%s\n' 38 -7 1024 0 5 99 -300 42 17 5 3 8000 -1 64 2 77 123456789 -98765 11 6 | sort -n)
expect_eq "built-in array" "$want" "$OUT"
set -- 5 -3 9 9 0 -100 42 7 1 1 2 88 -5
want=$(printf '%s\n' "$@" | sort -n)
run glyph-run "$EX" "$@"
expect_eq "numbers from argv" "$want" "$OUT"
nums=$(python3 -c 'print(" ".join(str((i * 7919) % 1009 - 500) for i in range(600)))')
# shellcheck disable=SC2086
want=$(printf '%s\n' $nums | sort -n)
# shellcheck disable=SC2086
run glyph-run "$EX" $nums
expect_eq "600 numbers" "$want" "$OUT"
finish
