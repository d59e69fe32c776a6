# debug_info.sh - the build assembles the runtime and the examples with
# -g: an example's executable maps its code and the runtime's to their
# source lines (binutils and glyph-objdump -l agree).
. "$GLYPH_SRC/tests/e2e/_example.sh"
example cat
command -v objdump >/dev/null || skip_all "binutils objdump not installed"
SRC=$(cd "$GLYPH_SRC" && pwd -P)
files=$(objdump --dwarf=decodedline "$EX" 2>/dev/null | awk '/\.s:$/ { print $1 }' | sort -u)
expect_match "the example's own source" '^examples/cat\.s:$' "$files"
expect_match "crt0" '^runtime/crt0\.s:$' "$files"
expect_match "libgrt members" '^runtime/stdio\.s:$' "$files"
run glyph-objdump -dl --disassemble=copy_fd "$EX"
line=$(grep -n '^copy_fd:' "$GLYPH_SRC/examples/cat.s" | cut -d: -f1)
expect_match "glyph-objdump -l: copy_fd's first line" \
    "copy_fd\\(\\):
$SRC/examples/cat\\.s:$((line + 1))
 +[0-9a-f]+:	.*addi\\.i64(\\.w)? sp, -64" "$OUT"
finish
