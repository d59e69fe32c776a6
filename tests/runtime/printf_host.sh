# printf_host.sh - libgrt's printf and snprintf against the host's: about
# 1600 cases of %d %i %u %x %X %o %c %s %p %ld %lu ... %% with widths
# (also negative through '*'), the flags - 0 + space #, precision,
# INT64_MIN, INT64_MAX and 0, and snprintf into buffers of 0, 1, 4, 9 and
# 512 bytes (what is written, the NUL, the untouched rest, the return
# value).
# tests/runtime/_printf_ref.c writes the glyph program and the reference.
. "$GLYPH_SRC/tests/runtime/_build.sh"
REF="$GLYPH_BUILD/tests/runtime/_printf_ref"
[ -x "$REF" ] || skip_all "$REF is not built"
"$REF" asm >cases.s
build_check prog cases.s
"$REF" >want.out
glyph-run ./prog >got.out
expect_eq "exit status" 0 "$?"
if cmp -s want.out got.out; then
    ok "$(wc -l <want.out) cases as the host formats them"
else
    # show the first differing cases, NULs made visible
    tr '\0' '~' <want.out >want.txt
    tr '\0' '~' <got.out >got.txt
    not_ok "output differs from the host's printf (NUL shown as ~)" \
        "$(diff want.txt got.txt | head -20)"
fi
finish
