# bios.sh - glyph-run -M virt -bios FILE: firmware linked for the ROM
# window (glyph-ld --image-base 0xffffefffff000000) is entered by the
# reset stub with a0 = hart id, a1 = the device tree, a2/a3 = the
# kernel's entry pc/ib (0 without -kernel); it starts the kernel with
# the same far jump.  Firmware whose image reaches the reset vector
# starts there.  A firmware image outside the ROM is refused.
. "$GLYPH_SRC/tests/common.sh"
. "$GLYPH_SRC/tests/system/_sys.sh"
FBASE=0xffffefffff000000

cat > fw.s <<'K'
    .text
    .globl _start
_start:
    li sp, 0xffffc00000100000
    mov.i64 s0, a1
    mov.i64 s1, a2
    mov.i64 s2, a3
    la a0, m_fw
    call kputs
    mov.i64 a0, s0
    call kputx
    la a0, m_next
    call kputs
    mov.i64 a0, s1
    call kputx
    call newline
    movi.i64 t1, 0
    cmp.eq.i64 s1, t1
    b 1f
    syswrite s1, tepc           # start the kernel: a1 = the device tree
    syswrite s2, teib
    mov.i64 a1, s0
    iret
1:  movi.i64 a0, 6              # no kernel
    call poweroff
    .section .rodata
m_fw: .asciz "firmware: device tree "
m_next: .asciz ", kernel "
K
if glyph-as -o fw.o fw.s && glyph-ld --image-base $FBASE -o fw fw.o _klib.o _handler.o _console.o; then
    ok "firmware links at the ROM base"
else
    not_ok "firmware links at the ROM base"
fi
kern kernel <<'K' || true
    .text
    .globl _start
_start:
    li sp, 0xffffc00000100000
    mov.i64 s0, a1
    la a0, msg
    call kputs
    mov.i64 a0, s0
    call kputx
    call newline
    movi.i64 a0, 5
    call poweroff
    .section .rodata
msg: .asciz "kernel: device tree "
K
kentry=$(readelf -h kernel | awk '/Entry point/ {print $4}')

run glyph-run -M virt -bios ./fw -kernel ./kernel
expect_eq "the firmware runs first and starts the kernel" \
    "5|firmware: device tree 0xffffc00007ff0000, kernel $kentry
kernel: device tree 0xffffc00007ff0000|" "$STATUS|$OUT|$ERR"
run glyph-run -M virt -bios ./fw
expect_eq "without -kernel: a2 = 0" \
    "6|firmware: device tree 0xffffc00007ff0000, kernel 0x0|" "$STATUS|$OUT|$ERR"
run glyph-run -M virt -bios ./fw -n 12 -t
expect_match "-t: the stub's iret enters the firmware in the ROM" \
    'iret
0xffffefffff00[0-9a-f]{4} ib=0xffffefffff00' "$ERR"
# firmware that owns the reset vector: its code at the ROM's 0xff80
# (linked at the last 64 KiB, padded there); no stub, no constants
cat > rv.s <<'K'
    .text
    .zero 0xef80
    .globl _start
_start:
    movi.i64 t1, 3
    slli.i64 t1, 56
    addi.i64 t1, 9
    syswrite t1, econtrol       # power off, status 9
K
if glyph-as -o rv.o rv.s && glyph-ld --image-base 0xffffefffffff0000 -o rv rv.o; then
    run glyph-run -M virt -bios ./rv -t
    expect_match "firmware at the reset vector starts there, without the stub" \
        "^9\|0x0000ff80 ib=0xffc0  .*movi\.i64(\.w)? t1, 3$" "$STATUS|$(printf '%s\n' "$ERR" | head -1)"
else
    not_ok "firmware links at the top of the ROM"
fi
run glyph-run -M virt -bios ./kernel
expect_match "a firmware image linked for RAM is refused" \
    "^1\|glyph-run: \./kernel: segment [0-9]+ \(physical 0xffffc00000200000\+0x[0-9a-f]+\) lies outside the firmware ROM \[0xffffefffff000000, 0xfffff00000000000\)$" \
    "$STATUS|$ERR"
finish
