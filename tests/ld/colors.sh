#!/bin/sh
# Colors: each (permissions, color) pair gets its own page-aligned
# PT_LOAD whose p_flags carry the color; output sections keep the color
# of their inputs; no page holds two colors.
. "$GLYPH_SRC/tests/common.sh"
. "$GLYPH_SRC/tests/ld/_lib.sh"

mkobj a.o <<'D'
section .text ax align 2
bytes 00 00 00 00
section .const a align 64
zero 8
section .data aw align 8
zero 8
section .text.vault ax align 2 color 3
bytes 01 00 02 00
section .const.vault a align 64 color 3
zero 16
section .rodata.vault a align 8 color 3
zero 8
symbol _start global func .text 0
symbol _start.const global object .const 0
symbol vault global func .text.vault 0
symbol vault.const global object .const.vault 0
symbol vault_ro global object .rodata.vault 0
symbol d0 global object .data 0
D
mkobj b.o <<'D'
section .text.vault ax align 2 color 3
bytes 03 00
section .data.secret aw align 8 color 5
zero 24
section .bss.secret nobits aw align 64 color 5
zero 100
section .bss nobits aw align 8
zero 8
symbol vault2 global func .text.vault 0
symbol secret global object .data.secret 0
symbol secret_bss global object .bss.secret 0
symbol plain_bss global object .bss 0
D

run glyph-ld -o prog a.o b.o
expect_eq "link exits 0" "0" "$STATUS"
SECS=$("$PEEK" prog sections)
color_of() { printf '%s\n' "$SECS" | awk -v n="$1" '$1 == n {print $5}'; }
expect_eq ".text color 0" 0 "$(color_of .text)"
expect_eq ".text.vault color 3" 3 "$(color_of .text.vault)"
expect_eq ".const.vault color 3" 3 "$(color_of .const.vault)"
expect_eq ".rodata.vault color 3" 3 "$(color_of .rodata.vault)"
expect_eq ".data.secret color 5" 5 "$(color_of .data.secret)"
expect_eq ".bss.secret color 5" 5 "$(color_of .bss.secret)"
expect_eq "both .text.vault inputs merged into one output section" 1 \
    "$(printf '%s\n' "$SECS" | grep -c '^\.text\.vault ')"
expect_eq "vault2 follows vault in the merged section" $(( $(sym prog vault) + 4 )) $(( $(sym prog vault2) ))

expect_eq "vault (code) in RX color 3" "RX 3" "$(seg_of prog $(sym prog vault))"
expect_eq "vault.const in R color 3" "R 3" "$(seg_of prog $(sym prog vault.const))"
expect_eq "vault_ro in R color 3 (same segment as .const.vault)" \
    "$(seg_of prog $(sym prog vault.const))" "$(seg_of prog $(sym prog vault_ro))"
expect_eq "_start in RX color 0" "RX 0" "$(seg_of prog $(sym prog _start))"
expect_eq "secret in RW color 5" "RW 5" "$(seg_of prog $(sym prog secret))"
expect_eq "secret_bss in RW color 5" "RW 5" "$(seg_of prog $(sym prog secret_bss))"
expect_eq "plain .bss in RW color 0" "RW 0" "$(seg_of prog $(sym prog plain_bss))"
expect_eq "secret_bss 64-byte aligned" 0 $(( $(sym prog secret_bss) % 64 ))
expect_eq "one PT_LOAD per (permissions, color): R0 R3 RX0 RX3 RW0 RW5" \
    "R0 R3 RX0 RX3 RW0 RW5" \
    "$("$PEEK" prog phdrs | awk '$1 == "LOAD" {printf "%s%s%s", sep, $6, $7; sep = " "}')"
expect_eq "segments page-aligned, no shared pages" "" "$(segment_problems prog)"

# every allocated section lies in exactly one segment with its own color
bad=""
for s in $(printf '%s\n' "$SECS" | awk '$1 != ".note.glyph" {print $1 ":" $2 ":" $3 ":" $5}'); do
    name=${s%%:*}; rest=${s#*:}; addr=0x${rest%%:*}; rest=${rest#*:}; size=0x${rest%%:*}; col=${rest#*:}
    first=$(seg_of prog $((addr)) | awk '{print $2}')
    last=$(seg_of prog $((addr + size - 1)) | awk '{print $2}')
    [ "$first" = "$col" ] && [ "$last" = "$col" ] || bad="$bad $name($col:$first/$last)"
done
expect_eq "every section sits in a segment of its color" "" "$bad"

# raw p_flags of the 4th program header (RX color 3): color in bits 31..28
expect_eq "raw p_flags of the RX color-3 segment" "30000005" \
    "$(od -An -tx4 -j $((64 + 56 * 3 + 4)) -N 4 prog | tr -d ' ')"
finish
