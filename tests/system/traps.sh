# traps.sh - traps of glyph-virt: tcause, tvalue, tepc, teib per cause
# (break, illegal, syscall, system register access, access faults of the
# memory map, misaligned fetch; teib is the trapping instruction's ib,
# also with ib moved by ibj and in another function), tcontrol.I cleared on entry and set by
# iret, tack and the double fault, colorcaps, --trace-traps and -d
# (docs/isa.md 7.1, docs/system.md).
. "$GLYPH_SRC/tests/common.sh"
. "$GLYPH_SRC/tests/system/_sys.sh"

# each case: s7 = the address that should trap, s6 = where to go on,
# s12 = the ib it runs with (teib)
kern traps <<'K' || true
    .text
    .globl _start
_start:
    li sp, 0xffffc00000100000
    call set_handler
    movi.i64 s8, 0
    la s12, _start.const
    la s7, 1f
    la s6, 2f
1:  break 7
2:  la s7, 1f
    la s6, 2f
1:  illegal 3
2:  la s7, 1f
    la s6, 2f
1:  syscall
2:  la s7, 1f
    la s6, 2f
1:  sysread a0, 0x7ff           # no such register
2:  la s7, 1f
    la s6, 2f
1:  syswrite a0, tcause         # read-only
2:  la s7, 1f
    la s6, 2f
1:  sysread a0, tack            # write-only
2:  li t1, 0xffffc00008000000   # the end of 128 MiB of RAM
    la s7, 1f
    la s6, 2f
1:  load.i64 a0, -4(t1)         # straddles the end
2:  li t1, 0xffffefffff000000   # the ROM
    la s7, 1f
    la s6, 2f
1:  store.i8 a0, 0(t1)
2:  movi.i64 t1, 0              # the shadow: readable, not writable
    la s7, 1f
    la s6, 2f
1:  store.i8 a0, 0(t1)
2:  li t1, 0xffffe00010000000   # the UART: byte registers only
    la s7, 1f
    la s6, 2f
1:  load.i16 a0, 0(t1)
2:  li t1, 0xfffff00000000000   # the private space is empty
    la s7, 1f
    la s6, 2f
1:  load.i64 a0, 0(t1)
2:  li t1, 0x0000800000000000   # not canonical
    la s7, 1f
    la s6, 2f
1:  load.i64 a0, 0(t1)
2:  li s7, 0xffffc00010000000   # fetch beyond RAM (iret there)
    syswrite s7, tepc
    la t1, _start.const
    syswrite t1, teib
    la s6, 2f
    iret
2:  li s7, 0xffffc00000201001   # an odd pc
    syswrite s7, tepc
    la s6, 2f
    iret
2:  la s9, _start.const         # teib is the trapping instruction's ib:
    la s12, _start.const        # ib moved by ibj (no constants used there)
    addi.i64 s12, 64
    la s7, 1f
    la s6, 2f
    ibj 64
1:  break 5
    ibj -64
2:  la s12, other.const         # ... and another function's block
    la s7, other.trap
    la s6, 2f
    call other
2:  movi.i64 s9, 0
    la s12, _start.const
    la a0, m_shadow             # what the reset vector holds
    call kputs
    li t1, 0xff80
    load.u32 a0, 0(t1)
    call kputx
    la a0, m_i                  # iret set I again
    call kputs
    sysread a0, tcontrol
    call kputx
    la a0, m_sr                 # sysset/sysclear
    call kputs
    movi.i64 t1, 0xf0
    syswrite t1, tscratch
    movi.i64 t1, 0x0f
    sysset t1, tscratch
    movi.i64 t1, 0x30
    sysclear t1, tscratch
    sysread a0, tscratch
    call kputx
    call newline
    movi.i64 s8, 2              # a trap in the handler before its tack
    la s7, 1f
    la s6, 2f
1:  break 9
2:  movi.i64 a0, 0
    call poweroff

    .type other, @function
other:
    movi.i64 t1, 0
    movi.i64 t2, 1
other.trap:
    illegal 5
    ret
    .section .rodata
m_shadow: .asciz "shadow "
m_i:    .asciz " I="
m_sr:   .asciz " tscratch="
K
# tvalue of break/illegal/sysread... is the instruction's packets, packet 0
# low (D21): break 7 = 0x0380, illegal 3 = 0x01fc (glyph-objdump -d)
boot traps
expect_eq "each trap: cause, tvalue, I, tepc, teib; then a double fault" \
"trap 0x1 tvalue=0x380 I=0x0 at tepc at teib
trap 0x2 tvalue=0x1fc I=0x0 at tepc at teib
trap 0x11 tvalue=0x0 I=0x0 at tepc at teib
trap 0x2 tvalue=0xf879f99 I=0x0 at tepc at teib
trap 0x2 tvalue=0xb8999 I=0x0 at tepc at teib
trap 0x2 tvalue=0x78a99 I=0x0 at tepc at teib
trap 0x8 tvalue=0xffffc00007fffffc I=0x0 at tepc at teib
trap 0x9 tvalue=0xffffefffff000000 I=0x0 at tepc at teib
trap 0x9 tvalue=0x0 I=0x0 at tepc at teib
trap 0x8 tvalue=0xffffe00010000000 I=0x0 at tepc at teib
trap 0x8 tvalue=0xfffff00000000000 I=0x0 at tepc at teib
trap 0x8 tvalue=0x800000000000 I=0x0 at tepc at teib
trap 0x7 tvalue=0xffffc00010000000 I=0x0 at tepc at teib
trap 0x4 tvalue=0xffffc00000201001 I=0x0 at tepc at teib
trap 0x1 tvalue=0x280 I=0x0 at tepc at teib
trap 0x2 tvalue=0x2fc I=0x0 at tepc at teib
shadow 0x3801d I=0x1 tscratch=0xcf
trap 0x1 tvalue=0x480 I=0x0 at tepc at teib" "$OUT"
expect_match "the double fault stops the machine with status 3" \
    "^3\|glyph-run: machine stopped: double fault \(cause 1, break, tvalue=0x[0-9a-f]+\) before cause 1 was acknowledged at pc=0xffffc0000020[0-9a-f]+ ib=0x" \
    "$STATUS|$ERR"

boot traps --trace-traps
first=$(printf '%s\n' "$ERR" | head -1)
expect_match "--trace-traps: one line per trap" \
    "^glyph-run: trap 1 \(break\): tvalue=0x380 tepc=0xffffc0000020[0-9a-f]+ teib=0xffffc000002[0-9a-f]+ icount=[0-9]+$" \
    "$first"
expect_eq "--trace-traps: 18 lines, the last the double fault" 18 \
    "$(printf '%s\n' "$ERR" | grep -c '^glyph-run: trap ')"

boot traps -d
expect_match "-d: the system registers after the run" \
    "
tcause=0x0000000000000001
tvalue=0x0000000000000480
" "$ERR"
expect_match "-d: identity registers" \
    "
sfeature=0x000000000000001f
sversion=0x0000000000000700
" "$ERR"

# colorcaps: with ccontrol.C and colorsys bit 0 clear, a trap register
# is a capability fault (13); colorcap bit 0 keeps ccontrol reachable
kern caps <<'K' || true
    .text
    .globl _start
_start:
    li sp, 0xffffc00000100000
    call set_handler
    movi.i64 s8, 2              # the handler's own sysread faults too
    movi.i64 t1, 1
    syswrite t1, colorcap
    syswrite t1, ccontrol
    la s7, 1f
    la s6, 2f
1:  sysread a0, tscratch
2:  movi.i64 a0, 0
    call poweroff
K
boot caps --trace-traps
expect_match "colorsys clear: sysread tscratch is a capability fault" \
    "^glyph-run: trap 13 \(capability fault\): tvalue=0x[0-9a-f]+ tepc=0xffffc0000020" "$ERR"
expect_match "... and so is the handler's sysread: a double fault" \
    "machine stopped: double fault \(cause 13" "$ERR"
expect_eq "... status 3" 3 "$STATUS"

# the colormatexec extension's registers (0x300-0x30f) are plain
# registers here: what is written reads back (docs/system.md, "Colours")
kern xregs <<'K' || true
    .text
    .globl _start
_start:
    li sp, 0xffffc00000100000
    li t1, 0x1234
    syswrite t1, colormatexec3
    sysread a0, colormatexec3
    call pval
    movi.i64 a0, 0
    call poweroff
K
boot xregs
expect_eq "colormatexec3 reads back what was written" "val=0x1234" "$OUT"
expect_eq "... status 0" 0 "$STATUS"

finish
