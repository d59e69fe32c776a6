# corrupt.sh - broken and truncated files: one clear message naming the
# file and the problem, exit status 1, no crash; the other files on the
# command line are still shown.  Inputs: _mkelf corrupt KIND (one field
# broken in a valid file).
. "$GLYPH_SRC/tests/common.sh"
MK="$GLYPH_BUILD/tests/objdump/_mkelf"
[ -x "$MK" ] || skip_all "$MK not built"
"$MK" rel rel.o && "$MK" exec prog || { not_ok "_mkelf made the inputs"; finish; }

# bad KIND INPUT MESSAGE: corrupt INPUT, expect "glyph-objdump: FILE: MESSAGE"
bad() {
    kind=$1 in=$2 msg=$3
    f="bad-$kind"
    "$MK" corrupt "$kind" "$in" "$f" || { not_ok "$kind: _mkelf corrupt"; return; }
    run glyph-objdump -x -d -s "$f"
    if [ "$STATUS" = 1 ] && [ "$ERR" = "glyph-objdump: $f: $msg" ] && [ -z "$OUT" ]; then
        ok "$kind: $msg"
    else
        not_ok "$kind: $msg" "status $STATUS" "stderr: $ERR" "stdout: $(printf '%s' "$OUT" | head -3)"
    fi
}

bad short rel.o "file too short for its ELF header (20 bytes)"
bad empty rel.o "file format not recognized"
bad magic rel.o "file format not recognized"
bad class32 rel.o "not a 64-bit little-endian ELF file"
bad bigendian rel.o "not a 64-bit little-endian ELF file"
bad half rel.o "section header table extends past end of file"
bad shoff rel.o "section header table extends past end of file"
bad shnum rel.o "section header table extends past end of file"
bad shentsize rel.o "bad section header entry size 32"
bad nosections rel.o "section header table offset is 0 but e_shnum is 13"
bad shstrndx rel.o "section name table index 18 out of range"
bad shstrtype rel.o "section name table (section 12) is not a string table"
bad secoff rel.o "section 1 extends past end of file"
bad secsize rel.o "section 1 extends past end of file"
bad secname rel.o "section 2: name offset 1048575 out of range"
bad symentsize rel.o "section 8 (.symtab): bad entry size 16"
bad symlink rel.o "section 8 (.symtab): bad link to section 99"
bad symlinktype rel.o "section 8 (.symtab): bad link to section 1"
bad symname rel.o "symbol 8: name offset 16777215 out of range"
bad symshndx rel.o "symbol 8 (main): section index 200 out of range"
bad relainfo rel.o "section 10 (.rela.const): relocation target section 99 out of range"
bad relasym rel.o "section 10 (.rela.const): relocation 1: symbol index 9999 out of range"
bad relaoff rel.o "section 10 (.rela.const): relocation 1: offset 0x10000 outside section 3"
bad half prog "section header table extends past end of file"
bad phoff prog "program header table extends past end of file"
bad phentsize prog "bad program header entry size 40"
bad segsize prog "segment 1 extends past end of file"
bad notedesc prog "section 8: malformed note at offset 0x0"
bad noteib prog "section 8: NT_GLYPH_ENTRY_IB note has 4 bytes, not 8"
bad notecolors prog "section 8: NT_GLYPH_COLORS note has 8 bytes, not 280"

# not ELF at all, missing, a directory
printf 'hello world, this is not an ELF file at all\n' >text.txt
run glyph-objdump -d text.txt
expect_eq "text file: message" "glyph-objdump: text.txt: file format not recognized" "$ERR"
expect_eq "text file: status 1" 1 "$STATUS"
run glyph-objdump -d missing.o
expect_eq "missing file: message" "glyph-objdump: missing.o: No such file or directory" "$ERR"
expect_eq "missing file: status 1" 1 "$STATUS"
mkdir dir.o
run glyph-objdump -d dir.o
expect_eq "directory: message" "glyph-objdump: dir.o: not an ordinary file" "$ERR"

# every truncation of the executable is either fine or a clear error
n=$(wc -c <prog)
fails=""
for len in 0 1 16 63 64 100 200 4095 4096 4100 8192 12288 16384 20000 $((n - 64)) $((n - 1)); do
    head -c "$len" prog >trunc
    glyph-objdump -x -d -s trunc >/dev/null 2>trunc.err
    st=$?
    if [ "$st" != 1 ] || ! grep -q '^glyph-objdump: trunc: ' trunc.err; then
        fails="$fails $len:$st"
    fi
done
expect_eq "truncated executables: status 1 with a message" "" "$fails"

# only the section header table is cut off: -p and -f (which need only
# the ELF and program headers) warn and go on; -h still fails
"$MK" corrupt half prog half-prog || not_ok "_mkelf corrupt half"
head -c $(( $(wc -c <prog) - 1 )) prog > cut-prog
run glyph-objdump -p cut-prog
expect_eq "-p, section headers cut: status 0" 0 "$STATUS"
expect_eq "-p, section headers cut: a warning" \
    "glyph-objdump: cut-prog: warning: section header table extends past end of file; reading the program headers only" "$ERR"
expect_match "-p, section headers cut: program headers shown" '^ +LOAD off +0x' "$OUT"
expect_match "-p, section headers cut: notes shown" 'NT_GLYPH_ENTRY_IB +entry ib 0x' "$OUT"
run glyph-objdump -f cut-prog
expect_match "-f, section headers cut: start address shown" '^start address 0x' "$OUT"
expect_eq "-f, section headers cut: status 0" 0 "$STATUS"
run glyph-objdump -h half-prog
expect_eq "-h, section headers cut: still an error" \
    "1|glyph-objdump: half-prog: section header table extends past end of file" "$STATUS|$ERR"

# the files after a bad one are still processed
"$MK" corrupt secoff rel.o bad1.o
run glyph-objdump -f bad1.o rel.o missing.o prog
expect_eq "several files: status 1" 1 "$STATUS"
expect_eq "several files: both errors" "glyph-objdump: bad1.o: section 1 extends past end of file
glyph-objdump: missing.o: No such file or directory" "$ERR"
expect_match "several files: rel.o shown" '^rel\.o:     file format elf64-glyph' "$OUT"
expect_match "several files: prog shown" '^prog:     file format elf64-glyph' "$OUT"

# archives: members are shown like files; a broken member is reported
# as archive(member) and the next member is still shown
"$MK" corrupt symshndx rel.o badsym.o
cp rel.o good.o
if command -v ar >/dev/null && ar rc lib.a badsym.o good.o; then
    run glyph-objdump -f lib.a
    expect_eq "archive: status 1" 1 "$STATUS"
    expect_eq "archive: member error" \
        "glyph-objdump: lib.a(badsym.o): symbol 8 (main): section index 200 out of range" "$ERR"
    expect_match "archive: heading" '^In archive lib\.a:' "$OUT"
    expect_match "archive: next member shown" '^good\.o:     file format elf64-glyph' "$OUT"
    ar rc lib2.a good.o
    n=$(wc -c <lib2.a)
    cat lib2.a lib2.a | head -c $((2 * n - 100)) >short.a # second copy cut short
    run glyph-objdump -f short.a
    expect_eq "truncated archive: status 1" 1 "$STATUS"
    expect_match "truncated archive: message" \
        "^glyph-objdump: short\.a(\(good\.o\))?: " "$ERR"
    expect_match "truncated archive: first member still shown" '^good\.o:     file format' "$OUT"
else
    skip "ar not available"
fi
finish
