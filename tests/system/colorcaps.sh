# colorcaps.sh - the colour roles of the system registers (docs/isa.md
# 7.1, D14 part): with ccontrol.C set, untranslated code (colour 0)
# reaches machine registers only with bit 0 of colormac, domain
# registers only with colordom, capability registers (the colour matrix
# colormatexec too) only with colorcap; otherwise a capability fault
# (13, at the instruction).  And a double fault when the trap vector is
# unmapped: thpc in the user space after translation is on.
. "$GLYPH_SRC/tests/common.sh"
. "$GLYPH_SRC/tests/system/_sys.sh"

kern colorcaps <<'K' || true
    .text
    .globl _start
_start:
    li sp, 0xffffc00000100000
    call set_handler
    movi.i64 s8, 0
    la s9, _start.const
    la s12, _start.const        # teib of every trap
    movi.i64 t1, 1              # colorsys, colorcap, colormac, colordom bit 0
    syswrite t1, colorsys
    syswrite t1, colorcap
    syswrite t1, colormac
    syswrite t1, colordom
    syswrite t1, ccontrol
    sysread a0, mfeature        # all allowed
    call pval
    movi.i64 t1, 0
    syswrite t1, colormac
    la s7, 1f
    la s6, 2f
1:  sysread a0, mfeature        # a machine register
2:  la s7, 1f
    la s6, 2f
1:  sysread a0, econtrol        # econtrol counts as one
2:  movi.i64 t1, 1
    syswrite t1, colormac
    movi.i64 t1, 0
    syswrite t1, colordom
    la s7, 1f
    la s6, 2f
1:  sysread a0, domcontrol      # a domain register
2:  movi.i64 t1, 0
    syswrite t1, colorcap       # the last capability write it may make
    la s7, 1f
    la s6, 2f
1:  sysread a0, colorread
2:  la s7, 1f
    la s6, 2f
1:  sysread a0, colormatexec3
2:  sysread a0, tscratch        # colorsys: still fine
    call pval
    # the double fault: vm12 on, thpc a user address nothing maps
    li s3, 0xffffc00000400000
    call pt_init
    li t1, 0x1fffc00000400000
    syswrite t1, sptr
    movi.i64 t1, 1
    syswrite t1, mcontrol
    li t1, 0x50000
    syswrite t1, thpc
    break 2
    movi.i64 a0, 0
    call poweroff
K
boot colorcaps -n 1000000
# tvalue: the sysread (glyph-objdump -d)
expect_eq "colour roles of the register groups; an unmapped trap vector" "3|val=0x7
trap 0xd tvalue=0x879119 I=0x0 at tepc at teib
trap 0xd tvalue=0x879899 I=0x0 at tepc at teib
trap 0xd tvalue=0x878899 I=0x0 at tepc at teib
trap 0xd tvalue=0x878199 I=0x0 at tepc at teib
trap 0xd tvalue=0x6078199 I=0x0 at tepc at teib
val=0x0" "$STATUS|$OUT"
expect_match "the double fault: the vector's fetch page fault before the break was acknowledged" \
    "^glyph-run: machine stopped: double fault \(cause 10, fetch page fault, tvalue=0x50000\) before cause 1 was acknowledged at pc=0x50000 " \
    "$ERR"
finish
