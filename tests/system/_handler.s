# _handler.s - the trap handler of the system-mode test kernels: prints
# "trap CAUSE tvalue=V I=tcontrol.I" and "at tepc" when tepc == s7 (the
# kernel puts the expected address there), else "tepc=ADDR"; when s12 is
# not 0, also "at teib" when teib == s12 (the expected ib), else
# "teib=IB"; then
# returns to s6 (tepc = s6; teib = s9 unless s9 is 0) after
# acknowledging the cause.  s8 = 1:
# return without tack; s8 = 2: break 1 before the tack (a double fault).
# Keeps every register but a0, t1-t6, ra.

    .text

    .globl      handler
handler:
    la          a0, m_trap
    call        kputs
    sysread     a0, tcause
    call        kputx
    la          a0, m_tval
    call        kputs
    sysread     a0, tvalue
    call        kputx
    la          a0, m_i
    call        kputs
    sysread     a0, tcontrol
    call        kputx
    sysread     t1, tepc
    cmp.eq.i64  t1, s7
    b           1f
    la          a0, m_tepc
    call        kputs
    sysread     a0, tepc
    call        kputx
    j           2f
1:  la          a0, m_at
    call        kputs
2:  movi.i64    t1, 0
    cmp.eq.i64  s12, t1
    b           2f
    sysread     t1, teib
    cmp.eq.i64  t1, s12
    b           1f
    la          a0, m_teib
    call        kputs
    sysread     a0, teib
    call        kputx
    j           2f
1:  la          a0, m_atib
    call        kputs
2:  call        newline
    syswrite    s6, tepc
    movi.i64    t1, 0
    cmp.eq.i64  s9, t1
    b           5f
    syswrite    s9, teib                # back into another function's block
5:
    movi.i64    t1, 1
    cmp.eq.i64  s8, t1
    b           3f
    movi.i64    t1, 2
    cmp.eq.i64  s8, t1
    b           4f
    sysread     t1, tcause
    syswrite    t1, tack
3:  iret
4:  break       1

# set_handler(): thpc, thib = handler
    .globl      set_handler
set_handler:
    la          t1, handler
    syswrite    t1, thpc
    la          t1, handler.const
    syswrite    t1, thib
    ret

    .section    .rodata
m_trap:
    .asciz      "trap "
m_tval:
    .asciz      " tvalue="
m_i:
    .asciz      " I="
m_tepc:
    .asciz      " tepc="
m_at:
    .asciz      " at tepc"
m_teib:
    .asciz      " teib="
m_atib:
    .asciz      " at teib"
