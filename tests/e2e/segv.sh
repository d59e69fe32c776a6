# segv.sh - examples/segv.s: a SIGSEGV handler that siglongjmps back,
# three times (unmapped: SEGV_MAPERR 1, read-only: SEGV_ACCERR 2, on the
# alternate stack), with the faulting addresses.
. "$GLYPH_SRC/tests/e2e/_example.sh"
example segv
run glyph-run "$EX"
expect_eq "exit status" 0 "$STATUS"
expect_match "unmapped load: si_addr 0x10, SEGV_MAPERR" "^caught SIGSEGV at 0x10, si_code 1$" "$OUT"
expect_match "read-only store: SEGV_ACCERR" "^caught SIGSEGV at 0x[0-9a-f]+, si_code 2$" "$OUT"
expect_match "the program went on after the faults" "^read 7$" "$OUT"
expect_match "SA_ONSTACK: the handler ran on the alternate stack" "^handler on the alternate stack: 1$" "$OUT"
expect_match "recovered three times" "^recovered 3 times$" "$OUT"
expect_eq "stderr" "" "$ERR"
finish
