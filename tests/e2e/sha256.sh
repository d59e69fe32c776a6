# sha256.sh - examples/sha256.s against the host's sha256sum, including
# the padding edge lengths 55, 56, 63, 64 and a multi-read file; several
# files in one run, "-" for stdin, a missing file and a directory.
. "$GLYPH_SRC/tests/e2e/_example.sh"
example sha256
command -v sha256sum >/dev/null || skip_all "sha256sum is not installed"
: >empty
printf 'abc' >abc
for n in 55 56 63 64 65 119 120; do
    python3 -c "import sys; sys.stdout.write('x' * $n)" >len$n
done
python3 -c 'import sys; sys.stdout.buffer.write(bytes((i * 131 + 7) % 256 for i in range(100000)))' >big
for f in empty abc len55 len56 len63 len64 len65 len119 len120 big; do
    run glyph-run "$EX" "$f"
    expect_eq "$f" "$(sha256sum "$f")" "$OUT"
done
run sh -c "printf 'abc' | glyph-run '$EX'"
expect_eq "stdin" "$(printf 'abc' | sha256sum)" "$OUT"
expect_eq "exit status" 0 "$STATUS"
run glyph-run "$EX" empty abc len55 len56 len64 big
expect_eq "several files" "$(sha256sum empty abc len55 len56 len64 big)" "$OUT"
run sh -c "printf 'abc' | glyph-run '$EX' len55 - len64"
expect_eq "- reads stdin" "$(printf 'abc' | sha256sum len55 - len64)" "$OUT"
run glyph-run "$EX" missing
expect_eq "missing file: exit status" 1 "$STATUS"
expect_eq "missing file: message" "sha256: missing: cannot open" "$ERR"
mkdir dir
run glyph-run "$EX" abc dir len55
expect_eq "directory: exit status" 1 "$STATUS"
expect_eq "directory: the other files" "$(sha256sum abc len55)" "$OUT"
expect_eq "directory: message" "sha256: dir: read error" "$ERR"
finish
