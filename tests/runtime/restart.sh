# restart.sh - interrupted system calls and SA_RESTART as Linux has them
# (signal(7), restart.s): a futex wait without a timeout is restarted,
# one with a timeout is not; ppoll never is; a receive on a socket with
# SO_RCVTIMEO is not, one without is.
. "$GLYPH_SRC/tests/runtime/_build.sh"
build_check prog "$TESTS/restart.s"

run timeout 60 glyph-run --strace ./prog futex
expect_eq "FUTEX_WAIT without a timeout: restarted (then EAGAIN: the word changed)" "result -11" "$OUT"
expect_match "FUTEX_WAIT: --strace shows the restart" '^futex\(.*\) = \? ERESTARTSYS' "$ERR"
run timeout 60 glyph-run ./prog futexto
expect_eq "FUTEX_WAIT with a timeout: EINTR despite SA_RESTART" "result -4" "$OUT"
run timeout 60 glyph-run ./prog ppoll
expect_eq "ppoll: EINTR despite SA_RESTART" "result -4" "$OUT"
run timeout 60 glyph-run ./prog recvto
expect_eq "recvfrom with SO_RCVTIMEO: EINTR despite SA_RESTART" "result -4" "$OUT"
run timeout 60 glyph-run ./prog recv
expect_eq "recvfrom without a timeout: restarted, gets the handler's byte" "result 1" "$OUT"
finish
