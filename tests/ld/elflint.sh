#!/bin/sh
# eu-elflint --gnu-ld on linked programs.  elflint has no backend for
# EM_GLYPH, so it says "unknown machine type", does not know our note
# types and calls the color bits in sh_flags (SHF_MASKPROC) invalid;
# those three kinds of message are expected.  It also cannot tell that a
# PT_LOAD holding only .bss (p_filesz 0) contains a writable NOBITS
# section; that message is accepted for such segments only.  Anything
# else is a structural error.  A deliberately broken file shows the check bites.
. "$GLYPH_SRC/tests/common.sh"
. "$GLYPH_SRC/tests/ld/_lib.sh"
command -v eu-elflint >/dev/null || skip_all "eu-elflint (elfutils) not installed"

mkobj a.o <<'D'
section .text ax align 2
bytes 00 00 00 00
section .const a align 64
zero 16
section .rodata a align 8
bytes 01 02 03
section .data aw align 8
zero 8
section .bss nobits aw align 16
zero 40
section .text.vault ax align 2 color 3
bytes 00 00
section .data.secret aw align 8 color 5
zero 8
section .bss.secret nobits aw align 8 color 5
zero 8
symbol loc local func .text 2
symbol _start global func .text 0
symbol _start.const global object .const 0
symbol buf global object common 8 64
symbol w weak notype undef 0
reloc .data 0 R_GLYPH_64 w
D
unexpected() {
    bss_only=$("$PEEK" "$1" phdrs | awk '$1 == "LOAD" && $4 == "0" {printf "|%d", NR - 1}')
    eu-elflint --gnu-ld "$1" 2>&1 | grep -v -E \
        "^unknown machine type 26476$|unknown object file note type [12] with owner name 'glyph'|contains invalid processor-specific flag\(s\) 0x[1-9a-f]0000000$" |
        grep -v -E "^loadable segment \[(-1$bss_only)\] is writable but contains no writable sections$"
}
for opt in "" "-s" "--gc-sections"; do
    run glyph-ld -o prog $opt a.o
    expect_eq "link ($opt)" 0 "$STATUS"
    expect_eq "elflint: no structural complaints ($opt)" "" "$(unexpected prog)"
done
run glyph-ld -o prog a.o
expect_match "elflint did look at the file (it sees the colored sections)" "'.text.vault' contains invalid processor-specific flag\(s\) 0x30000000" \
    "$(eu-elflint --gnu-ld prog 2>&1)"

# A broken copy: the first PT_LOAD's file size made larger than the file.
cp prog broken
printf '\000\000\020' | dd of=broken bs=1 seek=$((64 + 32)) conv=notrunc 2>/dev/null
expect_match "elflint reports a broken program header" "." "$(unexpected broken)"

run readelf -lW prog
expect_eq "readelf -l has no warnings" "" "$ERR"
finish
