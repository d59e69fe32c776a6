# logger.s - compartment logger of examples/compartments: prints each
# event with a sequence number and counts them.  Its count is its own
# state; the messages come from main (the policy lets the logger read
# main's strings).

    .compartment logger

    .section    .rodata
fmt_event:
    .string     "[log %ld] %s\n"

    .bss
    .balign     8
log_n:
    .zero       8

    .text

# void log_event(const char *msg)
    .globl      log_event
    .type       log_event, @function
log_event:
    addi.i64    sp, -64
    store.i64   ra, 0(sp)
    mov.i64     a2, a0
    la          t1, log_n
    load.i64    a1, 0(t1)
    addi.i64    a1, 1
    store.i64   a1, 0(t1)
    la          a0, fmt_event
    call        printf
    movi.i64    a0, 0                   # each event out at once: a fault later
    call        fflush                  # ends the program without flushing stdout
    load.i64    ra, 0(sp)
    addi.i64    sp, 64
    ret

# long log_count(void)
    .globl      log_count
    .type       log_count, @function
log_count:
    la          t1, log_n
    load.i64    a0, 0(t1)
    ret
