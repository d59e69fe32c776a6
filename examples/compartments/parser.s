# parser.s - compartment parser of examples/compartments: parses the
# untrusted "SLOT=VALUE" arguments into a table of four slots.  It has a
# deliberate bug: SLOT is not checked against the table size, so a large
# SLOT writes past the table, wherever the attacker aims it.  The linker
# gives the parser a color of its own; only its own table (and the
# shared stack) are writable for it, so such a write is a capability
# fault, not a corrupted vault.

    .compartment parser

    .bss

    .balign     8
    .globl      parser_slots
parser_slots:
    .zero       32

    .text

# long decimal(const char **p): the number at *p, *p moved past it;
# -1 when there is no digit
    .type       decimal, @function
decimal:
    load.i64    t1, 0(a0)
    movi.i64    t2, 0                   # value
    movi.i64    t5, 0                   # digits
1:  load.u8     t3, 0(t1)
    addi.i64    t3, -48
    movi.i64    t4, 10
    cmp.geu.i64 t3, t4                  # not '0'..'9'
    b           2f
    mul.i64     t2, t2, t4
    add.i64     t2, t2, t3
    addi.i64    t1, 1
    addi.i64    t5, 1
    j           1b
2:  store.i64   t1, 0(a0)
    mov.i64     a0, t2
    movi.i64    t4, 0
    cmp.ne.i64  t5, t4
    b           3f
    movi.i64    a0, -1
3:  ret

# long parse_field(const char *arg): store VALUE in slot SLOT; 1 on
# success, 0 when arg is not SLOT=VALUE
    .globl      parse_field
    .type       parse_field, @function
parse_field:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    store.i64   s0, 8(sp)
    store.i64   a0, 16(sp)              # the cursor
    mov.i64     a0, sp
    addi.i64    a0, 16
    call        decimal
    mov.i64     s0, a0                  # SLOT
    movi.i64    t1, 0
    cmp.lt.i64  s0, t1
    b           8f
    load.i64    t1, 16(sp)
    load.u8     t2, 0(t1)
    movi.i64    t3, 61                  # '='
    cmp.ne.i64  t2, t3
    b           8f
    addi.i64    t1, 1
    store.i64   t1, 16(sp)
    mov.i64     a0, sp
    addi.i64    a0, 16
    call        decimal
    movi.i64    t1, 0
    cmp.lt.i64  a0, t1
    b           8f
    # BUG: no check that SLOT < 4
    la          t1, parser_slots
    slli.i64    s0, 3
    add.i64     t1, t1, s0
    store.i64   a0, 0(t1)
    movi.i64    a0, 1
    j           9f
8:  movi.i64    a0, 0
9:  load.i64    ra, 0(sp)
    load.i64    s0, 8(sp)
    addi.i64    sp, 64
    ret

# long parse_get(long slot)
    .globl      parse_get
    .type       parse_get, @function
parse_get:
    la          t1, parser_slots
    slli.i64    a0, 3
    add.i64     t1, t1, a0
    load.i64    a0, 0(t1)
    ret
