# syscalls.sh - runtime/syscalls.s: wrappers return results, -1 and errno
# on failure (docs/runtime.md).
. "$GLYPH_SRC/tests/runtime/_build.sh"
build_check prog "$TESTS/syscalls.s"
run glyph-run ./prog "$TMPDIR/file.txt"
expect_eq "exit status" 0 "$STATUS"
expect_eq "output" "open-ok 1
write 16
lseek 4
read 12
data-equal 0
fstat-size 16
close 0
missing-open -1
missing-errno 2
close-bad -1
close-bad-errno 9
getpid-positive 1
raw
__syscall-write 4
unlink 0" "$OUT"
expect_no_file "file removed by unlink" "$TMPDIR/file.txt"
finish
