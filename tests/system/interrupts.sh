# interrupts.sh - the timer on the instruction clock, interrupt priority
# and masking (tcontrol.I, sie, the unacknowledged state), delivery right
# after the enabling instruction, messages to self, the UART's pin (edge
# latch, re-latch after tack, input), and wfi: skip-ahead, waking with
# I clear, and the stop when nothing can wake it (docs/isa.md 7.1); teib
# is the interrupted instruction's ib (also with ib moved by ibj).
. "$GLYPH_SRC/tests/common.sh"
. "$GLYPH_SRC/tests/system/_sys.sh"

# irq: prints "irq CAUSE tvalue=V" (" at s7" when tepc == s7; when s12
# is not 0, " at teib" when teib == s12, else " teib=IB"), handles
# the source (timer: counts in s10 and re-arms 500 ns later while
# s10 < 3; pin 0: echoes RBR when DR is set, clears IER), acknowledges,
# returns to the interrupted instruction with every register kept
cat > irq.s <<'K'
    .text
    .globl irq
irq:
    addi.i64 sp, -80
    store.i64 a0, 0(sp)
    store.i64 t1, 8(sp)
    store.i64 t2, 16(sp)
    movi.i64 t1, 0              # the flag, before any compare: no register holds it
    movi.i64 t2, 1
    cmov.i64 t1, t2
    store.i64 t1, 64(sp)
    store.i64 t3, 24(sp)
    store.i64 t4, 32(sp)
    store.i64 t5, 40(sp)
    store.i64 t6, 48(sp)
    store.i64 ra, 56(sp)
    la a0, m_irq
    call kputs
    sysread a0, tcause
    call kputx
    la a0, m_tval
    call kputs
    sysread a0, tvalue
    call kputx
    sysread t1, tepc
    cmp.eq.i64 t1, s7
    b 1f
    j 2f
1:  la a0, m_at
    call kputs
2:  movi.i64 t1, 0
    cmp.eq.i64 s12, t1
    b 2f
    sysread t1, teib            # the interrupted instruction's ib
    cmp.eq.i64 t1, s12
    b 1f
    la a0, m_teib
    call kputs
    sysread a0, teib
    call kputx
    j 2f
1:  la a0, m_atib
    call kputs
2:  call newline
    sysread t1, tcause
    movi.i64 t2, 30
    cmp.eq.i64 t1, t2
    b timer
    movi.i64 t2, 32
    cmp.eq.i64 t1, t2
    b pin0
    j ack
timer:
    movi.i64 t1, 30             # tack first: it clears tstatus.T, which
    syswrite t1, tack           # a new deadline already passed may have set
    addi.i64 s10, 1
    movi.i64 t2, 3
    cmp.lt.i64 s10, t2
    b 1f
    j restore
1:  sysread t3, ctime
    li t2, 500
    add.i64 t3, t3, t2
    syswrite t3, stimer
    j restore
pin0:
    li t1, 0xffffe00010000000
    load.u8 t2, 5(t1)           # LSR.DR: echo the byte
    movi.i64 t3, 1
    and.i64 t2, t2, t3
    cmp.ne.i64 t2, t3
    b 1f
    load.u8 a0, 0(t1)
    call kputc
    call newline
    li t1, 0xffffe00010000000
1:  movi.i64 t2, 0
    store.i8 t2, 1(t1)          # IER = 0: the line drops
ack:
    sysread t1, tcause
    syswrite t1, tack
restore:
    load.i64 a0, 0(sp)
    load.i64 t3, 24(sp)
    load.i64 t4, 32(sp)
    load.i64 t5, 40(sp)
    load.i64 t6, 48(sp)
    load.i64 ra, 56(sp)
    addi.i64 sp, 80             # addi sets the flag (carry): restore it after
    load.i64 t1, -16(sp)
    movi.i64 t2, 0
    cmp.ne.i64 t1, t2           # the flag back
    load.i64 t1, -72(sp)
    load.i64 t2, -64(sp)
    iret

    .globl set_irq
set_irq:
    la t1, irq
    syswrite t1, thpc
    la t1, irq.const
    syswrite t1, thib
    ret
    .section .rodata
m_irq:  .asciz "irq "
m_tval: .asciz " tvalue="
m_at:   .asciz " at s7"
m_teib: .asciz " teib="
m_atib: .asciz " at teib"
K
glyph-as -o irq.o irq.s || not_ok "assemble irq.s"

# ikern NAME: a kernel of stdin linked with irq.o
ikern() {
    cat > "$1.s"
    if ! glyph-as -o "$1.o" "$1.s" 2> "$1.err" ||
        ! glyph-ld --image-base "$KBASE" -o "$1" "$1.o" irq.o _klib.o _handler.o _console.o 2>> "$1.err"; then
        not_ok "build kernel $1" "$(cat "$1.err")"
        return 1
    fi
}

ikern timer <<'K' || true
    .text
    .globl _start
_start:
    li sp, 0xffffc00000100000
    call set_irq
    la s12, _start.const
    movi.i64 s10, 0
    movi.i64 s11, 0
    sysread t1, ctime
    li t2, 1000
    add.i64 t1, t1, t2
    syswrite t1, stimer         # 1000 ns from now: 1000 instructions
    movi.i64 t3, 3
1:  addi.i64 s11, 1             # spin until three ticks
    cmp.lt.i64 s10, t3
    b 1b
    la a0, m_spins
    call kputs
    mov.i64 a0, s11
    call kputx
    call newline
    movi.i64 a0, 0
    call poweroff
    .section .rodata
m_spins: .asciz "spins "
K
boot timer --clock=insn -n 1000000
expect_eq "insn clock: three timer interrupts, tvalue = ctime at delivery" \
"0|irq 0x1e tvalue=0x3fb at teib
irq 0x1e tvalue=0x940 at teib
irq 0x1e tvalue=0xe83 at teib
spins 0x28e" "$STATUS|$OUT"
first=$OUT
boot timer --clock=insn -n 1000000
expect_eq "... the same on every run" "$first" "$OUT"
boot timer --clock=insn:2
expect_match "--clock=insn:2: ctime runs twice as fast, the deadline comes sooner" \
    "^irq 0x1e tvalue=0x[0-9a-f]+
irq 0x1e" "$OUT"
expect_eq "... and the user task spins fewer times" 1 \
    "$(printf '%s\n' "$OUT" | grep -c '^spins 0x\(1[0-9a-f][0-9a-f]\|[0-9a-f][0-9a-f]\)$')"
boot timer -n 100000000
expect_eq "host clock: three ticks too" 3 "$(printf '%s\n' "$OUT" | grep -c '^irq 0x1e')"

ikern prio <<'K' || true
    .text
    .globl _start
_start:
    li sp, 0xffffc00000100000
    call set_irq
    movi.i64 s10, 5             # the timer handler does not re-arm
    movi.i64 t1, 1
    sysclear t1, tcontrol       # I = 0: nothing is delivered
    li t1, 0xffffe00010000000
    movi.i64 t2, 2
    store.i8 t2, 1(t1)          # IER.ETBEI: pin 0 high
    movi.i64 t1, 1
    syswrite t1, sie
    movi.i64 t1, 0
    syswrite t1, starget        # a message to ourselves
    syswrite t1, smask
    syswrite t1, smessage
    syswrite t1, stimer         # stimer 0: off
    movi.i64 t1, 1
    syswrite t1, stimer         # ctime >= 1: due at once
    la a0, m_pending
    call kputs
    sysread a0, tstatus
    call kputx
    sysread a0, sip
    call kputx
    call newline
    la s7, 1f
    la s12, _start.const        # teib: the ib moved by the ibj
    addi.i64 s12, 64
    movi.i64 t1, 1
    ibj 64
    sysset t1, tcontrol         # I = 1: timer, message, pin 0 in that order
1:  ibj -64
    la a0, m_done
    call kputs
    sysread a0, tstatus
    call kputx
    sysread a0, sip
    call kputx
    call newline
    movi.i64 a0, 0
    call poweroff
    .section .rodata
m_pending: .asciz "pending "
m_done: .asciz "done "
K
boot prio --clock=insn
expect_eq "priority 30 < 31 < 32+n, each delivered right after the sysset" \
"0|pending 0x30x1
irq 0x1e tvalue=0x[0-9a-f]+ at s7 at teib
irq 0x1f tvalue=0x0 at s7 at teib
irq 0x20 tvalue=0x0 at s7 at teib
done 0x00x0" "$STATUS|$(printf '%s\n' "$OUT" | sed 's/^irq 0x1e tvalue=0x[0-9a-f]* /irq 0x1e tvalue=0x[0-9a-f]+ /')"

ikern mask <<'K' || true
    .text
    .globl _start
_start:
    li sp, 0xffffc00000100000
    call set_irq
    movi.i64 s10, 5
    li s3, 0xffffe00010000000
    movi.i64 t2, 2
    store.i8 t2, 1(s3)          # IER.ETBEI: pin 0 high, latched in sip
    li t1, 2000                 # sie = 0 and stimer = 0: nothing fires
1:  addi.i64 t1, -1
    movi.i64 t2, 0
    cmp.ne.i64 t1, t2
    b 1b
    la a0, m_sip
    call kputs
    sysread a0, sip
    call kputx
    movi.i64 t1, 1
    sysclear t1, tcontrol       # I = 0 from here on
    movi.i64 t1, 32
    syswrite t1, tack           # the line is still high: latched again
    sysread a0, sip
    call kputx
    movi.i64 t2, 0
    store.i8 t2, 1(s3)          # the line drops
    movi.i64 t1, 32
    syswrite t1, tack           # now it stays clear
    sysread a0, sip
    call kputx
    sysread a0, tstatus
    call kputx
    call newline
    movi.i64 a0, 0
    call poweroff
    .section .rodata
m_sip: .asciz "sip "
K
boot mask --clock=insn
expect_eq "sie masks a latched pin; stimer 0 never fires; tack re-latches a high line" \
    "0|sip 0x10x10x00x0|" "$STATUS|$OUT|$ERR"

ikern wfi <<'K' || true
    .text
    .globl _start
_start:
    li sp, 0xffffc00000100000
    call set_irq
    movi.i64 s10, 5
    movi.i64 t1, 1
    sysclear t1, tcontrol       # I = 0: wfi still wakes, nothing is taken
    sysread t1, ctime
    li t2, 1000000000           # one second ahead
    add.i64 s3, t1, t2
    syswrite s3, stimer
    wfi
    sysread t1, ctime
    cmp.geu.i64 t1, s3
    b 1f
    la a0, m_early
    call kputs
1:  la a0, m_woke
    call kputs
    sysread a0, tstatus
    call kputx
    call newline
    wfi                         # T still pending: returns at once
    movi.i64 t1, 30
    syswrite t1, tack
    wfi                         # nothing can wake it now
    movi.i64 a0, 0
    call poweroff
    .section .rodata
m_early: .asciz "early "
m_woke: .asciz "woke tstatus="
K
boot wfi --clock=insn
expect_match "wfi skips ahead to the deadline with I clear; then stops the machine" \
    "^3\|woke tstatus=0x1\|glyph-run: machine stopped: wfi with nothing that can wake it \(stimer 0, no enabled interrupt source\) at pc=0xffffc0000020[0-9a-f]+ ib=" \
    "$STATUS|$OUT|$ERR"

ikern uart <<'K' || true
    .text
    .globl _start
_start:
    li sp, 0xffffc00000100000
    call set_irq
    movi.i64 s10, 5
    li t1, 0xffffe00010000000
    movi.i64 t2, 1
    store.i8 t2, 1(t1)          # IER.ERBFI
    movi.i64 t1, 1
    sysclear t1, tcontrol       # I = 0 while looking, so no wakeup is lost
    syswrite t1, sie
    li t1, 0xffffe00010000000
    load.u8 t2, 5(t1)           # LSR.DR
    movi.i64 t3, 1
    and.i64 t2, t2, t3
    cmp.eq.i64 t2, t3
    b 1f
    wfi                         # until the byte arrives (wakes with I = 0)
1:  movi.i64 t1, 1
    sysset t1, tcontrol         # the pin interrupt now
    la a0, m_back
    call kputs
    movi.i64 a0, 0
    call poweroff
    .section .rodata
m_back: .asciz "back\n"
K
OUT=$(printf x | glyph-run -M virt -kernel ./uart 2> uart.err); STATUS=$?
expect_eq "UART input: pin 0 interrupt, the handler echoes RBR" \
    "0|irq 0x20 tvalue=0x0
x
back|" "$STATUS|$OUT|$(cat uart.err)"
OUT=$(glyph-run -M virt -kernel ./uart < /dev/null 2> uart.err); STATUS=$?
expect_match "no input (EOF): wfi cannot be woken, the machine stops" \
    "^3\|\|glyph-run: machine stopped: wfi with nothing that can wake it" \
    "$STATUS|$OUT|$(cat uart.err)"

finish
