#!/bin/sh
# Generated code: a function written into mmap'd memory (its immediate
# block at the page start, code at +64) and called through a descriptor
# with __grt_icall.  Plain mmap places memory within call reach of the
# image (docs/abi.md, "Reach"), so the call lands; code mapped at a fixed
# address beyond 2 GiB is refused with a trap in __grt_icall, never a
# jump to a wrong address.
. "$GLYPH_SRC/tests/runtime/_build.sh"

# the generated function: li a0, 21; ret (its ret vector, quad 0 of its
# block, is (F - R + 2, 0) = (0, 0) since ret follows at F + 2)
printf '    movi.i64 a0, 21\n    jtl.i64 ra, ib64(0)\n' > gen.s
glyph-as -o gen.o gen.s || { not_ok "assemble the generated function"; finish; }
HEX=$(readelf -x .text gen.o | awk '/^ +0x0+ / {print $2}')
BYTES=$(printf '%s\n' "$HEX" | sed 's/../0x&, /g; s/, $//')

# prog ADDR FLAGS: map a page (at ADDR with MAP_FIXED when ADDR != 0),
# fill it, make it executable, call it
prog() {
cat > "$1.s" <<S
    .data
    .balign 8
desc: .quad 0, 0
    .rodata
code: .byte $BYTES
    .text
    .globl main
main:
    addi.i64 sp, -64
    store.i64 ra, 0(sp)
    store.i64 s0, 8(sp)
    li a0, $2
    li a1, 4096
    li a2, 3                    # PROT_READ|PROT_WRITE
    li a3, $3
    li a4, -1
    li a5, 0
    li t0, 222                  # mmap
    syscall
    mov.i64 s0, a0
    la t1, code
    load.u32 t2, 0(t1)
    store.i32 t2, 64(s0)
    li t2, 0
    store.i64 t2, 0(s0)         # block quad 0: the ret vector (0, 0)
    mov.i64 a0, s0
    li a1, 4096
    li a2, 5                    # PROT_READ|PROT_EXEC
    li t0, 226                  # mprotect
    syscall
    la t1, desc
    addi.i64 s0, 64
    store.i64 s0, 0(t1)         # entry
    addi.i64 s0, -64
    store.i64 s0, 8(t1)         # block
    call __grt_icall
    load.i64 s0, 8(sp)
    load.i64 ra, 0(sp)
    addi.i64 sp, 64
    ret
S
}
prog near 0 0x22
build_check near near.s
run glyph-run ./near
expect_eq "mmap'd code called through a function pointer (exit 21)" "21:" "$STATUS:$ERR"
run glyph-run --strace ./near
M=$(printf '%s\n' "$ERR" | sed -n 's/^mmap(.*) = 0x\([0-9a-f]*\)$/\1/p' | head -1)
expect_eq "mmap placed it below image + 2 GiB" 1 "$(( 0x${M:-0} + 4096 <= 0x10000 + 0x80000000 ))"

prog far 0x800000000 0x32
build_check far far.s
run glyph-run ./far
expect_match "code beyond 2 GiB: a trap in __grt_icall, not a wrong jump" \
    "^glyph-run: ./far: breakpoint: break 1 at pc=" "$ERR"
expect_eq "... status 128 + SIGTRAP" 133 "$STATUS"
finish
