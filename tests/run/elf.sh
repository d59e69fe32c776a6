# elf.sh - the loader rejects damaged or unsupported executables with a
# clear message naming the file and the problem, exit status 1.  The
# inputs are a valid program damaged by _mkexe (--ehdr, --phdr,
# --note-poke, --truncate) or built with bad notes.
. "$GLYPH_SRC/tests/common.sh"
. "$GLYPH_SRC/tests/run/_emu.sh"

cat > good.s <<'EOF'
.text
_start:
    movi.i64 a0, 0
    movi.i64.w t0, 93
    syscall
.const
    .quad 0
.data
    .quad 1
EOF
"$MKEXE" -o good good.s || not_ok "build good"
run glyph-run ./good
expect_eq "the undamaged program runs" 0 "$STATUS"

# bad NAME REGEX MKEXE-ARGS...: build a damaged copy of good.s, expect rejection
bad() {
    name=$1 re=$2
    shift 2
    if ! "$MKEXE" -o "$name" "$@" good.s 2> "$name.mkerr"; then
        not_ok "$name: build" "$(cat "$name.mkerr")"
        return
    fi
    run glyph-run "./$name"
    if [ "$STATUS" = 1 ] && printf '%s\n' "$ERR" | grep -Eq -- "^glyph-run: \./$name: $re"; then
        ok "$name"
    else
        not_ok "$name" "status $STATUS" "$ERR"
    fi
}

# badsrc NAME REGEX: build from stdin (a variant of good.s) and expect rejection
badsrc() {
    cat > "$1.s"
    if ! "$MKEXE" -o "$1" "$1.s" 2> "$1.mkerr"; then
        not_ok "$1: build" "$(cat "$1.mkerr")"
        return
    fi
    run glyph-run "./$1"
    if [ "$STATUS" = 1 ] && printf '%s\n' "$ERR" | grep -Eq -- "^glyph-run: \./$1: $2"; then
        ok "$1"
    else
        not_ok "$1" "status $STATUS" "$ERR"
    fi
}

echo 'just text' > notelf
run glyph-run ./notelf
expect_match "not an ELF file" '^glyph-run: \./notelf: not an ELF file$' "$ERR"
: > empty
run glyph-run ./empty
expect_match "empty file" '^glyph-run: \./empty: empty file$' "$ERR"
mkdir adir
run glyph-run ./adir
expect_match "directory" '^glyph-run: \./adir: not a regular file$' "$ERR"
run glyph-run ./missing
expect_match "missing file" '^glyph-run: \./missing: cannot open: No such file or directory$' "$ERR"
expect_eq "missing file: status" 1 "$STATUS"

bad truncated 'truncated ELF header \(40 bytes\)' --truncate 40
bad class32 'not a 64-bit ELF file' --ehdr class=1
bad bigendian 'not a little-endian ELF file' --ehdr data=2
bad identversion 'unknown ELF version 2 in e_ident' --ehdr identversion=2
bad osabi 'unsupported OS ABI 9' --ehdr osabi=9
bad machine 'not a glyph executable \(e_machine 0x3e, want 0x676c\)' --ehdr machine=62
bad relocatable 'not an executable \(e_type 1: an object file' --ehdr type=1
bad shared 'not an executable \(e_type 3: shared objects are not supported' --ehdr type=3
bad version 'unknown ELF version 0$' --ehdr version=0
bad ehsize 'bad e_ehsize 60' --ehdr ehsize=60
bad phentsize 'bad e_phentsize 32' --ehdr phentsize=32
bad phnum 'no program headers' --ehdr phnum=0
bad phoff 'program header table \(offset 0x100000, 4 entries\) lies outside the file' --ehdr phoff=0x100000
bad seg_offset 'segment 0 \(offset 0x100000, size 0xa\) lies outside the file' --phdr 0.offset=0x100000
bad seg_filesz 'segment 0 \(offset 0x1000, size 0x100000\) lies outside the file' --phdr 0.filesz=0x100000
bad filesz_memsz 'segment 0: p_filesz 0xa > p_memsz 0x4' --phdr 0.memsz=4
bad congruence 'segment 0: p_vaddr 0x10800 and p_offset 0x1000 differ modulo the page size' --phdr 0.vaddr=0x10800
bad overlap 'segment 1 \(0x10000-0x11000\) overlaps another segment' --phdr 1.vaddr=0x10000
bad too_high 'segment 0 \(0x1000000000000\+0xa\) is outside the usable address range' --phdr 0.vaddr=0x1000000000000
bad wraps 'segment 0 \(0x10000\+0xfffffffffffff000\) is outside the usable address range' --phdr 0.memsz=0xfffffffffffff000
bad page_zero 'segment 0 \(0x0\+0xa\) is outside the usable address range' --phdr 0.vaddr=0
bad align 'segment 0: p_align 0x1001 is not a power of two' --phdr 0.align=0x1001
bad small_align 'segment 0: p_align 0x10 is below the page size' --phdr 0.align=16
bad seg_flags 'segment 0: unknown flags 0x105' --phdr 0.flags=0x105
bad interp 'dynamically linked executables are not supported' --phdr 2.type=3
bad no_load 'no loadable segments' --phdr 0.type=0 --phdr 1.type=0 --phdr 2.type=0
bad note_size 'malformed note segment' --note-poke 4=0xffff
bad entry_nx 'entry point 0x11000 is not in an executable segment' --ehdr entry=0x11000
bad entry_odd 'entry point 0x10001 is odd' --ehdr entry=0x10001

badsrc no_ib_note 'no NT_GLYPH_ENTRY_IB note' <<'EOF'
.nonote
.text
    break 0
.const
    .quad 0
EOF
badsrc ib_note_size 'NT_GLYPH_ENTRY_IB note has 4 bytes \(want 8\)' <<'EOF'
.nonote
.rawnote 1 4
.text
    break 0
.const
    .quad 0
EOF
badsrc two_ib_notes 'two NT_GLYPH_ENTRY_IB notes' <<'EOF'
.rawnote 1 8
.text
    break 0
.const
    .quad 0
EOF
badsrc colors_note_size 'NT_GLYPH_COLORS note has 16 bytes \(want 280\)' <<'EOF'
.rawnote 2 16
.text
    break 0
.const
    .quad 0
EOF
badsrc ib_misaligned 'entry ib 0x11008 is not 64-byte aligned' <<'EOF'
.entry_ib blk
.text
    break 0
.const
    .quad 0
blk: .quad 0
EOF
finish
