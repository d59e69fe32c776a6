# uart.sh - the register model of UART0 (docs/system.md "Devices"): LSR
# (DR, THRE, TEMT), DLAB in LCR bit 7 (DLL/DLM at offsets 0/1 and read
# back; THR and IER return after it is cleared), SCR, IIR (no
# interrupt, THR empty with IER.ETBEI, received data with IER.ERBFI);
# and misaligned device accesses: cause 5/6, while an aligned access
# wider than a byte register stays an access fault (D22).
. "$GLYPH_SRC/tests/common.sh"
. "$GLYPH_SRC/tests/system/_sys.sh"

kern uart <<'K' || true
    .text
    .globl _start
_start:
    li sp, 0xffffc00000100000
    call set_handler
    movi.i64 s8, 0
    la s12, _start.const        # teib of every trap
    li s3, 0xffffe00010000000
    load.u8 a0, 2(s3)           # IIR, IER = 0: no interrupt (0x1)
    call pval
    movi.i64 t1, 0x5a           # SCR keeps what is written
    store.i8 t1, 7(s3)
    load.u8 a0, 7(s3)
    call pval
    movi.i64 t1, 0x83           # LCR: DLAB, 8 bits
    store.i8 t1, 3(s3)
    movi.i64 t1, 0x0c           # DLL (not THR: nothing printed)
    store.i8 t1, 0(s3)
    movi.i64 t1, 0x01           # DLM (not IER)
    store.i8 t1, 1(s3)
    load.u8 s2, 3(s3)           # LCR reads back 0x83
    load.u8 s4, 0(s3)           # DLL 0xc
    load.u8 s5, 1(s3)           # DLM 0x1
    movi.i64 t1, 0x03           # DLAB off (kputc writes THR)
    store.i8 t1, 3(s3)
    mov.i64 a0, s2
    call pval
    mov.i64 a0, s4
    call pval
    mov.i64 a0, s5
    call pval
    load.u8 a0, 1(s3)           # IER again: still 0
    call pval
    movi.i64 t1, 0x02           # IER.ETBEI: IIR = THR empty (0x2)
    store.i8 t1, 1(s3)
    load.u8 a0, 2(s3)
    call pval
    movi.i64 t1, 0
    store.i8 t1, 1(s3)
1:  load.u8 a0, 5(s3)           # wait for the byte on stdin
    movi.i64 t1, 1
    and.i64 t1, a0, t1
    movi.i64 t2, 0
    cmp.eq.i64 t1, t2
    b 1b
    call pval                   # LSR: DR THRE TEMT (0x61)
    load.u8 a0, 2(s3)           # IIR with IER = 0: still none
    call pval
    movi.i64 t1, 0x01           # IER.ERBFI: received data (0x4)
    store.i8 t1, 1(s3)
    load.u8 a0, 2(s3)
    call pval
    load.u8 a0, 0(s3)           # RBR: 'A'
    call pval
    load.u8 a0, 5(s3)           # LSR: THRE TEMT (0x60)
    call pval
    load.u8 a0, 2(s3)           # IIR: none again
    call pval
    movi.i64 t1, 0
    store.i8 t1, 1(s3)
    # misaligned and wide device accesses
    la s7, 1f
    la s6, 2f
1:  load.i16 a0, 1(s3)          # misaligned load: 5
2:  la s7, 1f
    la s6, 2f
1:  store.i16 a0, 3(s3)         # misaligned store: 6
2:  la s7, 1f
    la s6, 2f
1:  load.i32 a0, 6(s3)          # 5
2:  la s7, 1f
    la s6, 2f
1:  store.i64 a0, 4(s3)         # 6
2:  la s7, 1f
    la s6, 2f
1:  load.i32 a0, 4(s3)          # aligned, too wide: access fault 8
2:  la s7, 1f
    la s6, 2f
1:  store.i16 a0, 2(s3)         # 9
2:  movi.i64 a0, 0
    call poweroff
K
printf A > in.txt
boot uart -n 10000000 < in.txt
expect_eq "UART registers, then the device access faults" "0|val=0x1
val=0x5a
val=0x83
val=0xc
val=0x1
val=0x0
val=0x2
val=0x61
val=0x1
val=0x4
val=0x41
val=0x60
val=0x1
trap 0x5 tvalue=0xffffe00010000001 I=0x0 at tepc at teib
trap 0x6 tvalue=0xffffe00010000003 I=0x0 at tepc at teib
trap 0x5 tvalue=0xffffe00010000006 I=0x0 at tepc at teib
trap 0x6 tvalue=0xffffe00010000004 I=0x0 at tepc at teib
trap 0x8 tvalue=0xffffe00010000004 I=0x0 at tepc at teib
trap 0x9 tvalue=0xffffe00010000002 I=0x0 at tepc at teib|" "$STATUS|$OUT|$ERR"
finish
