# faults.sh - the rest of the memory map's faults (docs/system.md): a
# device-space offset with no device is an access fault for a load (8),
# a store (9) and a fetch (7), as is a fetch from the UART; a store
# straddling the end of RAM is 9; an instruction whose second packet
# lies beyond RAM is a fetch fault with tvalue = that address, not the
# pc; and with translation on the shadow at 0 is gone (VA 0xff80 is a
# user address without a mapping: page fault).
. "$GLYPH_SRC/tests/common.sh"
. "$GLYPH_SRC/tests/system/_sys.sh"

kern faults <<'K' || true
    .text
    .globl _start
_start:
    li sp, 0xffffc00000100000
    call set_handler
    movi.i64 s8, 0
    la s9, _start.const
    li t1, 0xffffe00020000000   # the device space, nothing there
    la s7, 1f
    la s6, 2f
1:  load.u8 a0, 0(t1)
2:  li t1, 0xffffe00020000000
    la s7, 1f
    la s6, 2f
1:  store.i8 a0, 0(t1)
2:  li s7, 0xffffe00020000000
    la s6, 2f
    call enter
2:  li s7, 0xffffe00010000000   # the UART is not executable
    la s6, 2f
    call enter
2:  li t1, 0xffffc00008000000   # a store straddling the end of RAM
    la s7, 1f
    la s6, 2f
1:  store.i64 a0, -4(t1)
2:  la t1, tmpl                 # a 32-bit instruction's first packet
    load.u16 t2, 0(t1)          # in the last two bytes of RAM
    li s7, 0xffffc00007fffffe
    store.i16 t2, 0(s7)
    la s6, 2f
    call enter
2:  li t1, 0xff80               # the shadow, translation off
    load.u32 a0, 0(t1)
    call pval
    li s3, 0xffffc00000400000
    call pt_init
    li t1, 0x1fffc00000400000
    syswrite t1, sptr
    movi.i64 t1, 1
    syswrite t1, mcontrol
    li t1, 0xff80               # translation on: not the shadow
    la s7, 1f
    la s6, 2f
1:  load.u32 a0, 0(t1)
2:  movi.i64 a0, 0
    call poweroff

# enter(s7 = pc): iret there
    .type enter, @function
enter:
    syswrite s7, tepc
    iret

tmpl:
    movi.i64 s10, 0             # 32 bits (movi.i64.w)
K
boot faults -n 1000000
expect_eq "each fault: cause, tvalue, tepc" "0|trap 0x8 tvalue=0xffffe00020000000 I=0x0 at tepc
trap 0x9 tvalue=0xffffe00020000000 I=0x0 at tepc
trap 0x7 tvalue=0xffffe00020000000 I=0x0 at tepc
trap 0x7 tvalue=0xffffe00010000000 I=0x0 at tepc
trap 0x9 tvalue=0xffffc00007fffffc I=0x0 at tepc
trap 0x7 tvalue=0xffffc00008000000 I=0x0 at tepc
val=0x3801d
trap 0xb tvalue=0xff80 I=0x0 at tepc|" "$STATUS|$OUT|$ERR"
finish
