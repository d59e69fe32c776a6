# roundtrip.sh - disassembly re-assembles to the same bytes: every 16-bit
# word that decodes and every op in each of its lengths (widest and most
# negative immediates, highest registers), plus the _mkelf test object
# (which also holds a word that does not decode).  Addresses, bytes and
# the "# ..." annotations are stripped; the text goes through glyph-as.
. "$GLYPH_SRC/tests/common.sh"
MK="$GLYPH_BUILD/tests/objdump/_mkelf"
[ -x "$MK" ] || skip_all "$MK not built"
command -v glyph-as >/dev/null || skip_all "glyph-as not built"
"$MK" all16 all.o && "$MK" rel rel.o || { not_ok "_mkelf made the inputs"; finish; }

# instruction text of section .text, one per line
strip_listing() {
    awk -F'\t' '/^ *[0-9a-f]+:\t/ { t = $3; sub(/ *#.*$/, "", t); print "    " t }'
}

for obj in all.o rel.o; do
    glyph-objdump -d -j .text "$obj" >dis.txt
    { echo "    .text"; strip_listing <dis.txt; } >re.s
    n=$(grep -c . re.s)
    if [ "$obj" = all.o ]; then
        # 16384 16-bit words + every extension: far more than 16384 lines
        expect_eq "all.o: every 16-bit word disassembled" 1 "$([ "$n" -gt 16384 ] && echo 1)"
    fi
    if ! glyph-as -o re.o re.s 2>as.err; then
        not_ok "$obj: disassembly assembles" "$(head -5 as.err)"
        continue
    fi
    ok "$obj: disassembly assembles"
    glyph-objdump -s -j .text "$obj" | tail -n +3 >want.txt
    glyph-objdump -s -j .text re.o | tail -n +3 >got.txt
    if cmp -s want.txt got.txt; then
        ok "$obj: re-assembled .text is identical"
    else
        not_ok "$obj: re-assembled .text is identical" "$(diff want.txt got.txt | head -10)"
    fi
done
# the listing shows .w/.x where the encoding is not the shortest
glyph-objdump -d all.o >dis.txt
expect_match "32-bit twins carry .w" 'add\.i64\.w ' "$(cat dis.txt)"
expect_match "64-bit forms carry .x" 'load\.u8\.x ' "$(cat dis.txt)"
expect_match "extensions are listed" 'cas\.i64 ' "$(cat dis.txt)"
finish
