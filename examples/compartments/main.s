# main.s - compartment main of examples/compartments: hands each argument
# to the parser (untrusted input, "SLOT=VALUE") or, for "key=GUESS", to
# the vault; every outcome goes to the logger.  main never sees the key.

    .compartment main

    .section    .rodata
key_prefix:
    .string     "key="
msg_granted:
    .string     "key accepted"
msg_denied:
    .string     "key rejected"
msg_stored:
    .string     "field stored"
msg_bad:
    .string     "bad field"
fmt_slot:
    .string     "slot %ld = %ld\n"
fmt_events:
    .string     "%ld events logged\n"

    .text

    .globl      main
    .type       main, @function
main:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    store.i64   s1, 16(sp)
    store.i64   s2, 24(sp)
    mov.i64     s0, a0                  # argc
    mov.i64     s1, a1                  # argv
    movi.i64    s2, 1                   # i
1:  cmp.ge.i64  s2, s0
    b           4f
    mov.i64     t1, s2
    slli.i64    t1, 3
    add.i64     t1, s1, t1
    load.i64    a0, 0(t1)               # argv[i]
    store.i64   a0, 32(sp)
    la          a1, key_prefix
    li          a2, 4
    call        strncmp
    movi.i64    t1, 0
    cmp.eq.i64  a0, t1
    b           2f
    load.i64    a0, 32(sp)              # "SLOT=VALUE": the parser
    call        parse_field
    la          t2, msg_stored
    la          t3, msg_bad
    movi.i64    t1, 0
    cmp.eq.i64  a0, t1
    cmov.i64    t2, t3                  # flag set (failed): bad field
    mov.i64     a0, t2
    call        log_event
    j           3f
2:  load.i64    a0, 32(sp)              # "key=GUESS": the vault
    addi.i64    a0, 4
    call        vault_check
    la          t2, msg_granted
    la          t3, msg_denied
    movi.i64    t1, 0
    cmp.eq.i64  a0, t1
    cmov.i64    t2, t3
    mov.i64     a0, t2
    call        log_event
3:  addi.i64    s2, 1
    j           1b
4:  movi.i64    s2, 0                   # print the parsed slots
5:  movi.i64    t1, 4
    cmp.ge.i64  s2, t1
    b           6f
    mov.i64     a0, s2
    call        parse_get
    mov.i64     a2, a0
    mov.i64     a1, s2
    la          a0, fmt_slot
    call        printf
    addi.i64    s2, 1
    j           5b
6:  call        log_count
    mov.i64     a1, a0
    la          a0, fmt_events
    call        printf
    movi.i64    a0, 0
    load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    load.i64    s1, 16(sp)
    load.i64    s2, 24(sp)
    addi.i64    sp, 64
    ret
