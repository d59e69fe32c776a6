# program.sh - a program in three files (cross-object calls, data,
# .rodata strings, a colored section) assembles to well-formed objects
# that binutils readelf reads with our machine number.
. "$GLYPH_SRC/tests/common.sh"
command -v readelf >/dev/null || skip_all "binutils readelf not installed"
DUMP="$GLYPH_BUILD/tests/as/_dumpobj"

cat > main.s <<'S'
    .file "main.s"
    .text
    .globl _start
    .type _start, @function
_start:
    addi.i64 sp, -64
    store.i64 ra, 0(sp)
    la a0, greeting
    call print              # in util.s
    call secret             # in vault.s, colored
    li a0, counter_init
    load.i64 ra, 0(sp)
    addi.i64 sp, 64
    tail exit_now
    .globl exit_now
    .type exit_now, @function
exit_now:
    li t0, 93
    syscall
    ret
    .section .rodata
greeting:
    .string "hello, glyph\n"
    .data
    .globl counter
counter:
    .quad counter_init
    .equ counter_init, 7
S
cat > util.s <<'S'
    .text
    .globl print
    .type print, @function
print:
    mov.i64 a1, a0
1:  load.u8 t1, 0(a1)
    addi.i64 a1, 1
    movi.i64 t0, 0
    cmp.ne.i64 t1, t0
    b 1b
    li t0, 64
    syscall
    ret
    .data
table:
    .quad print, counter
    .long print - .
S
cat > vault.s <<'S'
    .section .text.vault, "ax", @progbits, color=3
    .globl secret
    .type secret, @function
secret:
    la a0, key
    load.i64 a0, 0(a0)
    ret
    .section .data.vault, "aw", @progbits, color=3
key: .quad 0x5ec2e7
S
for f in main util vault; do
    run glyph-as -o $f.o $f.s
    expect_eq "$f.s assembles" 0 "$STATUS"
    run readelf -a -W $f.o
    expect_eq "readelf -a reads $f.o" 0 "$STATUS"
    expect_match "$f.o: machine 0x676c" 'Machine: +<unknown>: 0x676c' "$OUT"
    expect_match "$f.o: relocatable" 'Type: +REL \(Relocatable file\)' "$OUT"
    expect_match "$f.o: ELF64" 'Class: +ELF64' "$OUT"
    expect_match "$f.o: little endian" 'little endian' "$OUT"
    if printf '%s\n' "$ERR" | grep -qiE 'error|corrupt'; then
        not_ok "$f.o: readelf reports no problems" "$ERR"
    else
        ok "$f.o: readelf reports no problems"
    fi
done

# elfutils' checker knows nothing of EM_GLYPH (machine, relocation types,
# color flags); anything else it says is a structural problem
if command -v eu-elflint >/dev/null; then
    for f in main util vault; do
        eu-elflint $f.o > lint.txt 2>&1
        probs=$(grep -vE 'unknown machine type|relocation [0-9]+: invalid type|invalid processor-specific flag' lint.txt)
        expect_eq "eu-elflint: $f.o is structurally sound" "" "$probs"
    done
fi

run readelf -S -W main.o
expect_match "main.o has .rela.const (SHT_RELA)" '\.rela\.const +RELA' "$OUT"
expect_match "main.o has .symtab" '\.symtab +SYMTAB' "$OUT"
expect_match "main.o has .const aligned 64" '\.const +PROGBITS( +[0-9a-f]+){4} +A +0 +0 +64' "$OUT"
run readelf -s -W main.o
expect_match "_start is a global function" 'FUNC +GLOBAL +DEFAULT +[0-9]+ _start$' "$OUT"
expect_match "_start.const is its global block" 'OBJECT +GLOBAL +DEFAULT +[0-9]+ _start\.const$' "$OUT"
expect_match "print is undefined" 'NOTYPE +GLOBAL +DEFAULT +UND print$' "$OUT"
expect_match "print.const is undefined" 'NOTYPE +GLOBAL +DEFAULT +UND print\.const$' "$OUT"

# the cross-object call: both lanes relocated as ADD32/SUB32 groups
run "$DUMP" main.o
expect_match "call print: pc lane" 'reloc \.const\+0x[0-9a-f]+ R_GLYPH_ADD32 print\+0' "$OUT"
expect_match "call print: ib lane" 'R_GLYPH_ADD32 print\.const\+0' "$OUT"
expect_match "call print: minus the caller's block" 'R_GLYPH_SUB32 _start\.const\+0' "$OUT"
expect_match "la of .rodata: a group" 'R_GLYPH_ADD32 \.rodata\+0' "$OUT"
expect_match "data pointer: R_GLYPH_64 of an absolute" '^  0000: 07 00 00 00 00 00 00 00$' "$OUT"
run "$DUMP" util.o
expect_match "util .quad print: R_GLYPH_64" 'reloc \.data\+0x0 R_GLYPH_64 print\+0' "$OUT"
expect_match "util .quad counter: R_GLYPH_64 undefined" 'reloc \.data\+0x8 R_GLYPH_64 counter\+0' "$OUT"
expect_match "util .long print - .: R_GLYPH_PC32" 'reloc \.data\+0x10 R_GLYPH_PC32 print\+0' "$OUT"
run "$DUMP" vault.o
expect_match "vault code color 3" 'section \.text\.vault type=PROGBITS flags=AX color=3' "$OUT"
expect_match "vault block color 3" 'section \.const\.vault type=PROGBITS flags=A color=3 align=64' "$OUT"
expect_match "vault data color 3" 'section \.data\.vault type=PROGBITS flags=AW color=3' "$OUT"
run readelf -S -W vault.o
expect_match "readelf sees color bits as processor flags" '\.text\.vault +PROGBITS.* AXp ' "$OUT"
finish
