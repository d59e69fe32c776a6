#!/bin/sh
# Bad inputs: each gets a clear message naming the file and the problem,
# exit status 1 and no output file; nothing crashes.
. "$GLYPH_SRC/tests/common.sh"
. "$GLYPH_SRC/tests/ld/_lib.sh"

mkobj start.o <<'D'
section .text ax align 2
bytes 00 00 00 00
section .const a align 64
zero 8
symbol _start global func .text 0
symbol _start.const global object .const 0
symbol helper global notype undef 0
D
mkobj helper.o <<'D'
section .text ax align 2
bytes 00 00
symbol helper global func .text 0
D

# bad_input DESC FILE EXPECTED-STDERR
bad_input() {
    run glyph-ld -o prog start.o "$2"
    expect_eq "$1" "1|$3" "$STATUS|$ERR"
    expect_no_file "$1: no output" prog
}

echo 'just some text' > text.o
bad_input "not an ELF file" text.o \
    "glyph-ld: error: text.o: file format not recognized (not an ELF object or ar archive)"

cp "$GLYPH_BUILD/tests/ld/_mkobj" host.o
bad_input "an x86-64 executable" host.o "glyph-ld: error: host.o: wrong machine 0x3e (want EM_GLYPH 0x676c)"

printf 'machine 62\nsection .text ax\nbytes 00 00\n' | mkobj x86.o
bad_input "wrong machine" x86.o "glyph-ld: error: x86.o: wrong machine 0x3e (want EM_GLYPH 0x676c)"

printf 'type 2\nsection .text ax\nbytes 00 00\n' | mkobj exec.o
bad_input "ET_EXEC as input" exec.o "glyph-ld: error: exec.o: not a relocatable object (e_type 2)"

cp helper.o class32.o
printf '\001' | dd of=class32.o bs=1 seek=4 conv=notrunc 2>/dev/null
bad_input "ELFCLASS32" class32.o "glyph-ld: error: class32.o: not a 64-bit ELF file"

cp helper.o big.o
printf '\002' | dd of=big.o bs=1 seek=5 conv=notrunc 2>/dev/null
bad_input "big-endian" big.o "glyph-ld: error: big.o: not a little-endian ELF file"

head -c 40 helper.o > short.o
bad_input "truncated ELF header" short.o \
    "glyph-ld: error: short.o: truncated ELF file (40 bytes, shorter than an ELF header)"

SIZE=$(stat -c %s helper.o)
SHOFF=$(( $(readelf -h helper.o | awk '/Start of section headers/ {print $5}') ))
head -c $((SIZE - 10)) helper.o > cut.o
bad_input "truncated object (section headers cut)" cut.o \
    "glyph-ld: error: cut.o: truncated or corrupt: section header table (offset $SHOFF, $(( (SIZE - SHOFF) / 64 )) entries) lies outside the file ($((SIZE - 10)) bytes)"

# section 1 (.text) made to point past the end of the file
cp helper.o farsec.o
printf '\000\000\001\000\000\000\000\000' | dd of=farsec.o bs=1 seek=$((SHOFF + 64 + 24)) conv=notrunc 2>/dev/null
bad_input "section data outside the file" farsec.o \
    "glyph-ld: error: farsec.o: corrupt section .text (offset or size beyond the file?) [1]"

# the section-name table (and the symbol string table) made SHT_NOBITS:
# a size but no bytes in the file
SHSTR=$(readelf -h helper.o | awk '/string table index/ {print $NF}')
cp helper.o nobits.o
printf '\010' | dd of=nobits.o bs=1 seek=$((SHOFF + 64 * SHSTR + 4)) conv=notrunc 2>/dev/null
bad_input "section-name table is SHT_NOBITS" nobits.o \
    "glyph-ld: error: nobits.o: the section-name string table [$SHSTR] is not SHT_STRTAB (type 8)"
STRTAB=$(readelf -SW helper.o | sed -n 's/^ *\[ *\([0-9]*\)\] \.strtab .*/\1/p')
cp helper.o nobits2.o
printf '\010' | dd of=nobits2.o bs=1 seek=$((SHOFF + 64 * STRTAB + 4)) conv=notrunc 2>/dev/null
bad_input "symbol string table is SHT_NOBITS" nobits2.o \
    "glyph-ld: error: nobits2.o: the symbol string table [$STRTAB] is not SHT_STRTAB (type 8)"

printf 'section .text ax\nbytes 00 00\nsymbol bad global func #77 0\n' | mkobj badndx.o
bad_input "symbol with a bad section index" badndx.o \
    "glyph-ld: error: badndx.o: symbol 'bad' has a bad section index 77"

printf 'section .data aw\nzero 8\nsymbol x global object .data 0\nreloc .data 0 R_GLYPH_64 #9\n' | mkobj badsym.o
bad_input "relocation naming a symbol past the table" badsym.o \
    "glyph-ld: error: badsym.o: .rela.data: relocation refers to symbol 9, past the symbol table"

cp helper.o align.o
printf '\003' | dd of=align.o bs=1 seek=$((SHOFF + 64 + 48)) conv=notrunc 2>/dev/null
bad_input "alignment not a power of two" align.o \
    "glyph-ld: error: align.o: section .text has an alignment that is not a power of two (3)"

# sizes and alignments that would wrap the address arithmetic
cp helper.o hugealign.o
printf '\000\000\000\000\000\000\000\200' | dd of=hugealign.o bs=1 seek=$((SHOFF + 64 + 48)) conv=notrunc 2>/dev/null
bad_input "alignment 2^63" hugealign.o \
    "glyph-ld: error: hugealign.o: section .text has an alignment that is too large (0x8000000000000000)"
printf 'symbol huge global object common 8 0xfffffffffffffff0\n' | mkobj hugecommon.o
bad_input "common symbol of size 2^64 - 16" hugecommon.o \
    "glyph-ld: error: hugecommon.o: common symbol 'huge' is too large (0xfffffffffffffff0 bytes)"
printf 'symbol bigal global object common 0x8000000000000000 8\n' | mkobj bigalign.o
bad_input "common symbol aligned to 2^63" bigalign.o \
    "glyph-ld: error: bigalign.o: common symbol 'bigal' has a bad alignment 9223372036854775808"

run glyph-ld -o prog start.o nothere.o
expect_eq "missing file" "1|glyph-ld: error: cannot open nothere.o: No such file or directory" "$STATUS|$ERR"

# archives
ar rcs libh.a helper.o
SIZE=$(stat -c %s libh.a)
head -c $((SIZE - 100)) libh.a > cut.a
run glyph-ld -o prog start.o cut.a
expect_match "truncated archive" "^1\|glyph-ld: error: cut\.a: truncated archive \(member at offset [0-9]+ needs [0-9]+ bytes, [0-9]+ left\)$" "$STATUS|$ERR"
expect_no_file "truncated archive: no output" prog
head -c 30 libh.a > cut2.a
run glyph-ld -o prog start.o cut2.a
expect_eq "archive cut inside a member header" \
    "1|glyph-ld: error: cut2.a: truncated archive (member header at offset 8 cut short)" "$STATUS|$ERR"
cp libh.a badhdr.a
printf 'XX' | dd of=badhdr.a bs=1 seek=66 conv=notrunc 2>/dev/null
run glyph-ld -o prog start.o badhdr.a
expect_eq "archive with a broken member header" \
    "1|glyph-ld: error: badhdr.a: corrupt archive (bad member header at offset 8)" "$STATUS|$ERR"

# a corrupt member is only an error once it is pulled
printf 'machine 62\nsection .text ax\nbytes 00 00\nsymbol helper global func .text 0\n' | mkobj x86def.o
ar rcs libx86.a x86def.o
run glyph-ld -o prog start.o libx86.a
expect_eq "pulled member with the wrong machine" \
    "1|glyph-ld: error: libx86.a(x86def.o): wrong machine 0x3e (want EM_GLYPH 0x676c)" "$STATUS|$ERR"
expect_no_file "no output" prog

# Every input problem is reported, not only the first.
run glyph-ld -o prog start.o text.o x86.o helper.o
expect_eq "several bad inputs: all reported" \
"1|glyph-ld: error: text.o: file format not recognized (not an ELF object or ar archive)
glyph-ld: error: x86.o: wrong machine 0x3e (want EM_GLYPH 0x676c)" "$STATUS|$ERR"
finish
