# colors.s - a secret in a color-3 data section.  main (ordinary color-0
# code) copies it to its stack and prints it.  The link policy in
# link.args (policy.txt) forbids color-0 code to load from color-3 pages,
# so glyph-run stops at main's first load with a capability fault.
# examples/colors-allowed is the same program linked with a policy that
# allows the read.

    .section    .data.secret, "aw", @progbits, color=3
secret:
    .string     "the owl flies at midnight"

    .section    .rodata
fmt:
    .string     "secret: %s\n"
before:
    .string     "reading the secret..."

    .text

    .globl      main
    .type       main, @function
main:
    addi.i64    sp, -128
    store.i64   ra, 0(sp)
    la          a0, before
    call        puts
    movi.i64    a0, 0                   # out before the fault: a fault ends the
    call        fflush                  # program without flushing stdout
    la          t1, secret              # copy the string to 64(sp)
    mov.i64     t2, sp
    addi.i64    t2, 64
    movi.i64    t4, 0
1:  load.u8     t3, 0(t1)               # color 0 reading color 3
    store.i8    t3, 0(t2)
    addi.i64    t1, 1
    addi.i64    t2, 1
    cmp.ne.i64  t3, t4
    b           1b
    la          a0, fmt
    mov.i64     a1, sp
    addi.i64    a1, 64
    call        printf
    movi.i64    a0, 0
    load.i64    ra, 0(sp)
    addi.i64    sp, 128
    ret
