# _lib.sh - helpers for the glyph-ld tests (sourced after common.sh).
#
#   mkobj OUT.o <<EOF ... EOF     write an object from a description (_mkobj.c)
#   sym FILE NAME                 symbol value from nm, as 0x... ("" if absent)
#   i32 N                         N wrapped to a signed 32-bit value
#   peek FILE i32|u32|i64|u64 ADDR   value in the loaded image (_peek.c)
#   seg_of FILE ADDR              "PERM COLOR" of the PT_LOAD holding ADDR
#   segment_problems FILE         prints every layout rule a PT_LOAD breaks
MKOBJ="$GLYPH_BUILD/tests/ld/_mkobj"
PEEK="$GLYPH_BUILD/tests/ld/_peek"
for h in "$MKOBJ" "$PEEK" "$GLYPH_BUILD/bin/glyph-ld"; do
    if [ ! -x "$h" ]; then
        echo "not ok 1 - $h is not built (ninja -f build-NAME.ninja it first)"
        exit 1
    fi
done

mkobj() { "$MKOBJ" "$1"; }

sym() { nm "$1" | awk -v s="$2" '$3 == s { print "0x" $1 }'; }

i32() {
    v=$(( ($1) & 0xffffffff ))
    [ "$v" -ge 2147483648 ] && v=$(( v - 4294967296 ))
    echo "$v"
}

peek() { "$PEEK" "$1" "$2" "$3"; }

seg_of() {
    "$PEEK" "$1" phdrs | while read -r t va off fs ms perm color; do
        [ "$t" = LOAD ] || continue
        if [ $(( $2 >= 0x$va && $2 < 0x$va + 0x$ms )) = 1 ]; then echo "$perm $color"; fi
    done
}

# Every PT_LOAD: page-aligned address, offset congruent to the address,
# file size <= memory size, and no page shared with the previous one.
segment_problems() {
    # sorted by address as numbers: hex strings of different lengths
    # do not sort as text
    "$PEEK" "$1" phdrs | awk '$1 == "LOAD"' | while read -r t va off fs ms perm color; do
        echo "$((0x$va)) $((0x$off)) $((0x$fs)) $((0x$ms))"
    done | sort -n | {
        prev_end=0
        while read -r va off fs ms; do
            [ $((va % 4096)) = 0 ] || echo "segment at $va not page aligned"
            [ $((off % 4096)) = $((va % 4096)) ] || echo "segment at $va: offset $off not congruent"
            [ "$fs" -le "$ms" ] || echo "segment at $va: filesz > memsz"
            [ "$va" -ge "$prev_end" ] || echo "segment at $va shares a page with the one before"
            prev_end=$(( (va + ms + 4095) / 4096 * 4096 ))
        done
    }
}
