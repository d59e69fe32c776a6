# features.sh - the language: expressions, character literals, local
# labels, .equ/.set, macros with named arguments, .rept/.irp, .if,
# comments and statement separators.
. "$GLYPH_SRC/tests/common.sh"
DUMP="$GLYPH_BUILD/tests/as/_dumpobj"

# data DESC SOURCE EXPECTED-.data-HEX-ROW
data() {
    printf '%b' "$2" > f.s
    run glyph-as -o f.o f.s
    got=$("$DUMP" -s .data f.o 2>&1 | sed -n 2p)
    if [ "$STATUS" = 0 ] && [ "$got" = "  0000: $3" ]; then ok "$1"; else not_ok "$1" "want: $3" "got: $got" "$ERR"; fi
}

data "arithmetic and precedence" '.data\n.byte 1+2*3, (1+2)*3, 7/2, 7%3, -7/2\n' '07 09 03 01 fd'
data "shifts and bit operators"  '.data\n.byte 1<<4, 0x80>>3, 0xf0&0x3c, 0xf0|0x0f, 0xff^0x0f, ~0xf0&0xff\n' '10 10 30 ff f0 0f'
data "comparisons and logic"     '.data\n.byte 1<2, 2<1, 3==3, 3!=3, 2>=2, 1<=0, 1&&0, 1||0, !5\n' '01 00 01 00 01 00 00 01 00'
data "character literals"        ".data\n.byte 'a', '\\\\n', '\\\\0', '\\\\x41', '\\\\'', ' '\n" '61 0a 00 41 27 20'
data "number bases"              '.data\n.byte 0x1f, 0b101, 017, 9\n' '1f 05 0f 09'
data ".equ, .set and ="          '.equ A, 5\n.set B, A*2\nC = B+1\n.data\n.byte A, B, C\n' '05 0a 0b'
data ".set redefinition"         '.set X, 1\n.data\n.byte X\n.set X, 2\n.byte X\n' '01 02'
data ".equ redefines, as .set (GNU)" '.equ X, 1\n.data\n.byte X\n.equ X, X + 1\n.byte X\n' '01 02'
data "alignment with the fill left out (GCC's .p2align 4,,15)" '.data\n.byte 1\n.balign 4,,1\n.byte 2\n.balign 4,,3\n.byte 3\n.p2align 3,,4\n.byte 4\n' '01 02 00 00 03 00 00 00 04'
data "alignment fill -1 is 0xff" '.data\n.byte 1\n.balign 4, -1\n' '01 ff ff ff'
data ".octa of a big number zero-extends (GNU)" '.data\n.octa 0xffffffffffffffff\n' 'ff ff ff ff ff ff ff ff 00 00 00 00 00 00 00 00'
data ".octa of a negative value sign-extends" '.data\n.octa -2\n' 'fe ff ff ff ff ff ff ff ff ff ff ff ff ff ff ff'
data "label differences"         '.data\na: .byte b-a, c-a\nb: .short 0\nc:\n' '02 04 00 00'
data "forward .equ"              '.data\n.byte LATER\n.equ LATER, 9\n' '09'
data "string escapes"            '.data\n.ascii "a\\tb\\"\\101\\x42"\n' '61 09 62 22 41 42'
data "macro with named args"     '.macro pair a, b=7\n.byte \\a, \\b\n.endm\n.data\npair 1\npair 2, 3\npair b=4, a=5\n' '01 07 02 03 05 04'
data "labels before a macro call" '.macro two a\n.byte \\a, \\a\n.endm\n.data\nx: two 5\n1: y:two y - x\n.byte 1b - x\n' '05 05 02 02 02'
data "labels before .rept and .if (nesting kept)" '.data\nx: .rept 2\n.byte 1\n.endr\ny: .if 1\n.byte y - x\n.endif\n.if 0\nq: .if 1\n.endif\n.byte 9\n.endif\n' '01 01 02'
data "macro \\@ counter and \\()" '.macro m x\n.byte \\x\\()0, \\@\n.endm\n.data\nm 1\nm 2\n' '0a 00 14 01'
data ".rept"                     '.data\n.rept 3\n.byte 0xee\n.endr\n' 'ee ee ee'
data "nested .rept"              '.data\n.rept 2\n.rept 2\n.byte 1\n.endr\n.byte 2\n.endr\n' '01 01 02 01 01 02'
data ".irp"                      '.data\n.irp v, 4, 5, 6\n.byte \\v\n.endr\n' '04 05 06'
data ".if/.else/.endif"          '.equ N, 2\n.data\n.if N > 1\n.byte 1\n.else\n.byte 2\n.endif\n.if N == 5\n.byte 3\n.elseif N == 2\n.byte 4\n.endif\n' '01 04'
data ".ifdef/.ifndef"            '.equ D, 1\n.data\n.ifdef D\n.byte 1\n.endif\n.ifndef D\n.byte 2\n.endif\n.ifndef E\n.byte 3\n.endif\n' '01 03'
data "skipped text is not parsed" '.data\n.if 0\n@@@ garbage !!!\n.if 1\n.endif\n.endif\n.byte 8\n' '08'
data "comments and ;"            '.data\n.byte 1 # comment\n.byte 2 // comment\n.byte 3 /* c */ ; .byte 4\n/* multi\nline */ .byte 5\n' '01 02 03 04 05'
data "UTF-8 in comments and strings" '# h\303\251llo\n.data /* \342\206\222 */\n.ascii "\303\251" // \303\251\n' 'c3 a9'
data ".pushsection/.popsection" '.data\n.byte 1\n.pushsection .rodata\n.byte 9\n.popsection\n.byte 2\n' '01 02'
data ".set i, i+1 100000 times" '.set i, 0\n.rept 100000\n.set i, i + 1\n.endr\n.data\n.long i\n' 'a0 86 01 00'
data "numeric local labels"      '.data\n1: .byte 2f - 1b\n2: .byte 1b - 2b\n1: .byte 1b - 2b\n2:\n' '01 ff 01'

# local labels in code: 1b / 1f pick the nearest definition
printf 'f:\n1:  nop\n    b 1b\n    j 1f\n1:  nop\n    b 1b\n' > l.s
run glyph-as -o l.o l.s
run "$DUMP" -d l.o
expect_match "1b goes back" '0002: [0-9a-f]+ +b \.-2' "$OUT"
expect_match "1f goes forward" '0004: [0-9a-f]+ +j \.\+2' "$OUT"
expect_match "1b after a redefinition" '0008: [0-9a-f]+ +b \.-2' "$OUT"

# .comm: a common symbol; after `.local`, space in this object's .bss
printf '.bss\n.zero 3\n.local buf\n.comm buf, 64, 32\n.comm shared, 16\n' > lc.s
run glyph-as -o lc.o lc.s
run "$DUMP" lc.o
expect_match ".local + .comm: a local object in .bss" '^symbol buf LOCAL OBJECT \.bss 0x20 64$' "$OUT"
expect_match ".local + .comm: .bss grows, aligned" 'section \.bss type=NOBITS flags=AW color=0 align=32 size=96' "$OUT"
expect_match ".comm alone: a global common symbol" '^symbol shared GLOBAL OBJECT COM 0x8 16$' "$OUT"

# .type spellings of GNU as: @function, %function, "function", STT_FUNC
printf '.type a, @function\na: nop\n.type b, %%function\nb: nop\n.type c, "function"\nc: nop\n.type d, STT_FUNC\nd: nop\n' > ty.s
run glyph-as -o ty.o ty.s
expect_eq "all .type spellings: four functions" 4 "$("$DUMP" ty.o | grep -c '^symbol [abcd] LOCAL FUNC')"

# section names with dashes (`.note.GNU-stack`) are names, not subtractions
printf '.section .note.GNU-stack,"",@progbits\n.section .data.a-b\n.byte 1\n' > sn.s
run glyph-as -o sn.o sn.s
run "$DUMP" sn.o
expect_match "section name .note.GNU-stack" '^section \.note\.GNU-stack type=PROGBITS flags=- ' "$OUT"
expect_match "section name .data.a-b (a .data section)" '^section \.data\.a-b type=PROGBITS flags=AW ' "$OUT"

# register aliases, numeric names and fp
printf 'add.i64 fp, s0, r1\nadd.i64 t18, s34, a7\n' > r.s
run glyph-as -o r.o r.s
run "$DUMP" -d r.o
expect_match "fp = s0 = r1" 'add\.i64 s0, s0, s0' "$OUT"
expect_match "extended names pick .w" 'add\.i64\.w t18, s34, a7' "$OUT"
# the spec's generic spellings: every function name and number gives
# the op of that name (names and order written here from docs/isa.md)
same_text() {
    printf '.text\nf:\n%b\n' "$2" > g1.s
    printf '.text\nf:\n%b\n' "$3" > g2.s
    run glyph-as -o g1.o g1.s
    e1=$ERR
    run glyph-as -o g2.o g2.s
    if [ -z "$e1$ERR" ] && [ -s g1.o ] && [ -s g2.o ] &&
        [ "$("$DUMP" -d g1.o)" = "$("$DUMP" -d g2.o)" ]; then
        ok "$1"
    else
        not_ok "$1" "$e1" "$ERR" "$("$DUMP" -d g1.o 2>&1 | tail -3)" "$("$DUMP" -d g2.o 2>&1 | tail -3)"
    fi
}
i=0
for f in lt ge eq ne ltu geu cmov ncmov; do
    case $f in cmov|ncmov) mn=$f.i64 ;; *) mn=cmp.$f.i64 ;; esac
    same_text "compare.i64 a0, a1, $f and $i are $mn" \
        "    compare.i64 a0, a1, $f\n    compare.i64 a0, a1, $i" "    $mn a0, a1\n    $mn a0, a1"
    i=$((i + 1))
done
i=0
for f in mov not neg bswap ctz clz ctpop sext; do
    same_text "logic.i64 a0, a1, $f and $i are $f.i64" \
        "    logic.i64 a0, a1, $f\n    logic.i64 a0, a1, $i" "    $f.i64 a0, a1\n    $f.i64 a0, a1"
    i=$((i + 1))
done
i=0
for l in "j.i64 t0" "j.i64 ra" "jal.i64 t0" "jal.i64 ra" "jtl.i64 t0" "jtl.i64 ra" "jala.i64 t0" "jala.i64 ra"; do
    same_text "link.i64 $i, ib64(1) is $l, ib64(1)" "    link.i64 $i, ib64(1)" "    $l, ib64(1)"
    i=$((i + 1))
done
same_text "nop is or.i64 r0, r0, r0 (16-bit)" "    nop" "    or.i64.n r0, r0, r0"

# .compartment: the sections selected after it, their blocks with them;
# .glyph.compartments holds the records (checked with glyph-objdump -h)
printf '    .data\nd0: .quad 0\n    .compartment parser\n    .text\n    .globl f\n    .type f, @function\nf:  la a0, d1\n    ret\n    .data\nd1: .quad 1\n    .compartment "vault"\n    .section .data.key, "aw", @progbits\nk: .quad 2\n' > comp.s
run glyph-as -o comp.o comp.s
expect_eq ".compartment: assembles" 0 "$STATUS"
if command -v glyph-objdump >/dev/null 2>&1; then
    run glyph-objdump -h comp.o
    sec_comp() { printf '%s\n' "$OUT" | awk -v s="$1" '$2 == s { getline; getline; print ($1 == "compartment" ? $2 : "-"); exit }'; }
    expect_eq ".compartment: .text, .data, .const in parser; .data.key in vault" \
        "parser parser parser vault" "$(sec_comp .text) $(sec_comp .data) $(sec_comp .const) $(sec_comp .data.key)"
    expect_match ".compartment: the record section" '\.glyph\.compartments' "$OUT"
else
    skip "glyph-objdump not built"
fi
printf '    .text\nf: ret\n' > nocomp.s
glyph-as -o nocomp.o nocomp.s
if readelf -SW nocomp.o | grep -q glyph.compartments; then not_ok "no .compartment: no record section"; else ok "no .compartment: no record section"; fi
finish
