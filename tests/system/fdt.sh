# fdt.sh - the device tree of glyph-virt: --dumpdtb writes the generated
# blob and exits (decoded with dtc when it is installed: the nodes of
# docs/system.md, bootargs from -append, memory from -m); a kernel finds
# it at a1 (the top of RAM, 64 KiB aligned) and reads /chosen/bootargs;
# -dtb passes a user blob, checked first: malformed ones are refused
# with a message and status 1.
. "$GLYPH_SRC/tests/common.sh"
. "$GLYPH_SRC/tests/system/_sys.sh"

# The kernel: prints a1, the magic there, and /chosen's bootargs found
# by walking the structure block.
kern fdtk <<'K' || true
    .text
    .globl _start
_start:
    li sp, 0xffffc00000100000
    mov.i64 s0, a1              # the device tree from the reset stub
    mov.i64 a0, s0
    call kputx                 # where it is
    call newline
    load.u32 a0, 0(s0)
    call swap32
    call kputx                 # its magic
    call newline
    load.u32 a0, 8(s0)          # off_dt_struct
    call swap32
    add.i64 s1, s0, a0          # s1 = the structure block
    load.u32 a0, 12(s0)         # off_dt_strings
    call swap32
    add.i64 s2, s0, a0          # s2 = the strings block
    movi.i64 s3, 0              # depth
    movi.i64 s4, 0              # inside /chosen
next:
    load.u32 a0, 0(s1)
    call swap32
    addi.i64 s1, 4
    movi.i64 t1, 1
    cmp.eq.i64 a0, t1
    b node
    movi.i64 t1, 2
    cmp.eq.i64 a0, t1
    b endnode
    movi.i64 t1, 3
    cmp.eq.i64 a0, t1
    b prop
    movi.i64 t1, 4
    cmp.eq.i64 a0, t1
    b next
    la a0, m_end
    call kputs
    movi.i64 a0, 0
    call poweroff
node:
    movi.i64 t1, 1              # a child of the root named "chosen"?
    cmp.ne.i64 s3, t1
    b 1f
    mov.i64 a0, s1
    la a1, m_chosen
    call streq
    movi.i64 t1, 0
    cmp.eq.i64 a0, t1
    b 1f
    movi.i64 s4, 1
1:  addi.i64 s3, 1
    movi.i64 t2, 0              # skip the name, NUL and padding
2:  load.u8 t1, 0(s1)
    addi.i64 s1, 1
    cmp.ne.i64 t1, t2
    b 2b
    call align
    j next
endnode:
    addi.i64 s3, -1
    movi.i64 s4, 0
    j next
prop:
    load.u32 a0, 0(s1)
    call swap32
    mov.i64 s5, a0              # length
    load.u32 a0, 4(s1)
    call swap32
    addi.i64 s1, 8
    movi.i64 t1, 0
    cmp.eq.i64 s4, t1
    b 1f
    add.i64 a0, s2, a0
    la a1, m_bootargs
    call streq
    movi.i64 t1, 0
    cmp.eq.i64 a0, t1
    b 1f
    la a0, m_args
    call kputs
    mov.i64 a0, s1
    call kputs
    la a0, m_q
    call kputs
    call newline
1:  add.i64 s1, s1, s5
    call align
    j next

# s1 up to a multiple of 4
    .type align, @function
align:
    addi.i64 s1, 3
    li t1, -4
    and.i64 s1, s1, t1
    ret

# swap32(a0): a big-endian 32-bit word as a number
    .type swap32, @function
swap32:
    bswap.i64 a0, a0
    srli.i64 a0, 32
    ret

# streq(a0, a1): 1 if the NUL-terminated strings are equal
    .type streq, @function
streq:
    movi.i64 t3, 0
1:  load.u8 t1, 0(a0)
    load.u8 t2, 0(a1)
    cmp.ne.i64 t1, t2
    b 2f
    addi.i64 a0, 1
    addi.i64 a1, 1
    cmp.ne.i64 t1, t3
    b 1b
    movi.i64 a0, 1
    ret
2:  movi.i64 a0, 0
    ret

    .section .rodata
m_chosen: .asciz "chosen"
m_bootargs: .asciz "bootargs"
m_args: .asciz "bootargs=\""
m_q: .asciz "\""
m_end: .asciz "end of tree\n"
K

boot fdtk -append "console=ttyS0 root=/dev/vda"
expect_eq "the kernel finds the tree at a1 (top of RAM) and reads /chosen bootargs" \
    '0|0xffffc00007ff0000
0xd00dfeed
bootargs="console=ttyS0 root=/dev/vda"
end of tree|' "$STATUS|$OUT|$ERR"
boot fdtk -m 64M
expect_eq "without -append bootargs is empty; -m moves the tree to the top of RAM" \
    '0|0xffffc00003ff0000
0xd00dfeed
bootargs=""
end of tree|' "$STATUS|$OUT|$ERR"

run glyph-run -M virt --dumpdtb virt.dtb -m 256M -append "quiet loglevel=3"
expect_eq "--dumpdtb writes the blob and exits without a kernel" "0||" "$STATUS|$OUT|$ERR"
magic=$(od -An -tx1 -N4 virt.dtb | tr -d ' ')
expect_eq "the dumped blob starts with the FDT magic" "d00dfeed" "$magic"
if command -v dtc >/dev/null 2>&1; then
    run dtc -I dtb -O dts virt.dtb
    expect_eq "dtc decodes it without warnings" "0|" "$STATUS|$ERR"
    dts=$OUT
    for want in \
        'compatible = "glyph,virt";' \
        'bootargs = "quiet loglevel=3";' \
        'stdout-path = "/soc/serial@ffffe00010000000";' \
        'memory@ffffc00000000000 {' \
        'reg = <0xffffc000 0x00 0x00 0x10000000>;' \
        'timebase-frequency = <0x3b9aca00>;' \
        'mmu-type = "glyph,vm12";' \
        'compatible = "glyph,cpu-intc";' \
        'serial@ffffe00010000000 {' \
        'compatible = "ns16550a";' \
        'reg = <0xffffe000 0x10000000 0x00 0x100>;' \
        'interrupts = <0x00>;' \
        'interrupt-parent = <0x01>;'; do
        if printf '%s\n' "$dts" | grep -Fq -- "$want"; then ok "dts has: $want"
        else not_ok "dts has: $want" "$dts"; fi
    done
else
    skip "dtc (device-tree-compiler) not installed: the dumped tree is not decoded"
fi

# -dtb: a blob of our own (dumped with other bootargs) reaches the kernel
glyph-run -M virt --dumpdtb mine.dtb -append "from a file"
boot fdtk -dtb mine.dtb
expect_eq "-dtb FILE is what the kernel gets" '0|0xffffc00007ff0000
0xd00dfeed
bootargs="from a file"
end of tree|' "$STATUS|$OUT|$ERR"
run glyph-run -M virt --dumpdtb again.dtb -dtb mine.dtb
expect_eq "--dumpdtb with -dtb writes that blob" "0|" "$STATUS|$(cmp mine.dtb again.dtb)"
boot fdtk -dtb mine.dtb -append x
expect_eq "-append with -dtb is refused" \
    "1|glyph-run: -append: not with -dtb (the blob's /chosen has the bootargs)" "$STATUS|$ERR"

# malformed blobs: each a copy of mine.dtb with one thing broken
bad() { # bad NAME PYTHON-STATEMENTS (d: the bytes; be(off, v) stores a word)
    python3 - mine.dtb "$1" "$2" <<'P'
import sys
d = bytearray(open(sys.argv[1], "rb").read())
def be(off, v):
    d[off:off + 4] = v.to_bytes(4, "big")
def word(off):
    return int.from_bytes(d[off:off + 4], "big")
exec(sys.argv[3])
open(sys.argv[2], "wb").write(d)
P
}
bad magic.dtb 'be(0, 0xd00dfeee)'
bad short.dtb 'del d[30:]'
bad total.dtb 'be(4, len(d) + 4)'
bad version.dtb 'be(20, 1); be(24, 1)'
bad struct.dtb 'be(8, len(d) - 4)'
bad strings.dtb 'be(32, len(d))'
bad token.dtb 'be(word(8), 7)'
bad name.dtb 'o = word(8) + 8; be(o + 8, word(32) + 100)'
bad noend.dtb 'o = word(8) + word(36) - 4; be(o, 4)'
bad rsv.dtb 'be(16, 41)'
for t in \
    "magic|bad magic 0xd00dfeee \(want 0xd00dfeed\)" \
    "short|shorter than a device tree header \(40 bytes\)" \
    "total|totalsize [0-9]+, but the file has [0-9]+ bytes" \
    "version|version 1 \(last compatible 1\)" \
    "struct|structure block \(offset [0-9]+, size [0-9]+\) outside the blob" \
    "strings|strings block \(offset [0-9]+, size [0-9]+\) outside the blob" \
    "token|unknown token 0x7 at structure offset 0" \
    "name|property at structure offset 8 names string [0-9]+, outside the strings block" \
    "noend|structure block ends without FDT_END" \
    "rsv|memory reservation map at 41 outside the blob or misaligned"; do
    f=${t%%|*}
    boot fdtk -dtb $f.dtb
    expect_match "-dtb $f.dtb is refused" \
        "^1\|\|glyph-run: -dtb $f.dtb: not a valid device tree blob: ${t#*|}" "$STATUS|$OUT|$ERR"
done
run glyph-run -M virt -kernel ./fdtk -dtb missing.dtb
expect_match "a missing -dtb file" "^1\|glyph-run: -dtb missing.dtb: cannot open: " "$STATUS|$ERR"

run glyph-run -M virt --dumpdtb nodir/x.dtb
expect_match "--dumpdtb into a missing directory: status 1" \
    "^1\|glyph-run: --dumpdtb nodir/x.dtb: cannot write: " "$STATUS|$ERR"
expect_eq "... and no file left behind" "" "$(ls nodir 2>/dev/null)"

finish
