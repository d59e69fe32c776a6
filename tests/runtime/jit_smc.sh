#!/bin/sh
# jit_smc.sh - generated code under chaining and the jump cache: a
# function written into an mmap'd read-write-execute page is called 50
# times through __grt_icall (translated, chained, its return through the
# jump cache), rewritten in place by a plain store while its translation
# is chained in, called again, then rewritten once more after mprotect
# to read-write and back to read-execute, and called again.  Every pass
# must see the code last written (21, 22, 23) in both modes.  With the
# JIT, --stats must show chained edges and predicted returns (or
# jump-cache hits without prediction) on a loop, and a capability fault must be raised by the checked translated code.
. "$GLYPH_SRC/tests/runtime/_build.sh"

# the three versions: li a0, N; ret (ret vector (0, 0), quad 0 of the block)
for n in 21 22 23; do
    printf '    movi.i64 a0, %s\n    jtl.i64 ra, ib64(0)\n' $n > gen$n.s
    glyph-as -o gen$n.o gen$n.s || { not_ok "assemble the generated function $n"; finish; }
    eval W$n=0x$(readelf -x .text gen$n.o | awk '/^ +0x0+ / {print $2}' |
        sed 's/\(..\)\(..\)\(..\)\(..\)/\4\3\2\1/')
done

cat > smc.s <<S
    .data
    .balign 8
desc: .quad 0, 0
    .rodata
fmt: .string "%d %d %d\n"
    .text
# calls(): the generated function 50 times; a0 = its last result
    .type calls, @function
calls:
    addi.i64 sp, -64
    store.i64 ra, 0(sp)
    store.i64 s1, 8(sp)
    li s1, 50
1:  la t1, desc
    call __grt_icall
    addi.i64 s1, -1
    movi.i64 t1, 0
    cmp.ne.i64 s1, t1
    b 1b
    load.i64 s1, 8(sp)
    load.i64 ra, 0(sp)
    addi.i64 sp, 64
    ret
    .globl main
main:
    addi.i64 sp, -64
    store.i64 ra, 0(sp)
    store.i64 s0, 8(sp)
    store.i64 s2, 16(sp)
    store.i64 s3, 24(sp)
    li a0, 0
    li a1, 4096
    li a2, 7                    # PROT_READ|PROT_WRITE|PROT_EXEC
    li a3, 0x22
    li a4, -1
    li a5, 0
    li t0, 222                  # mmap
    syscall
    mov.i64 s0, a0
    li t2, 0
    store.i64 t2, 0(s0)         # block quad 0: the ret vector (0, 0)
    li t2, $W21
    store.i32 t2, 64(s0)
    la t1, desc
    mov.i64 t2, s0
    addi.i64 t2, 64
    store.i64 t2, 0(t1)         # entry
    store.i64 s0, 8(t1)         # block
    call calls
    mov.i64 s2, a0
    li t2, $W22                 # rewrite it in place, page still rwx
    store.i32 t2, 64(s0)
    call calls
    mov.i64 s3, a0
    mov.i64 a0, s0
    li a1, 4096
    li a2, 3                    # PROT_READ|PROT_WRITE
    li t0, 226                  # mprotect
    syscall
    li t2, $W23
    store.i32 t2, 64(s0)
    mov.i64 a0, s0
    li a1, 4096
    li a2, 5                    # PROT_READ|PROT_EXEC
    li t0, 226
    syscall
    call calls
    mov.i64 a3, a0
    mov.i64 a2, s3
    mov.i64 a1, s2
    la a0, fmt
    call printf
    movi.i64 a0, 0
    load.i64 s3, 24(sp)
    load.i64 s2, 16(sp)
    load.i64 s0, 8(sp)
    load.i64 ra, 0(sp)
    addi.i64 sp, 64
    ret
S
build_check smc smc.s
run glyph-run ./smc
expect_eq "rewritten code runs: by a store into rwx code, and after mprotect" "21 22 23" "$OUT"
expect_eq "... exit 0" 0 "$STATUS"
run glyph-run --jit --stats ./smc
expect_eq "the same with --jit" "21 22 23" "$OUT"
run glyph-run --no-jit ./smc
expect_eq "the same with --no-jit" "21 22 23" "$OUT"

# chaining and return prediction are used on a loop of calls (fib:
# calls are chained jal edges, returns pop the call's entry; without
# prediction they go through the jump cache)
run glyph-run --jit --stats "$GLYPH_BUILD/examples/fib" 18
expect_eq "fib(18) with the JIT" "fib(18) = 2584" "$OUT"
E=$(printf '%s\n' "$ERR" | sed -n 's/.* \([0-9]*\) chained edges, jump cache \([0-9]*\) hits.*/\1 \2/p')
P=$(printf '%s\n' "$ERR" | sed -n 's/.* jit returns: \([0-9]*\) predicted.*/\1/p')
expect_eq "--stats: chained edges > 0" 1 "$(( ${E% *} > 0 ))"
expect_eq "--stats: returns predicted > 1000" 1 "$(( ${P:-0} > 1000 ))"
expect_match "--stats: few returns to the run loop" " jit exits: [0-9]{1,3} unchained, [0-9]{1,3} jump-cache misses" "$ERR"
run env GLYPH_JIT_RAS=0 glyph-run --jit --stats "$GLYPH_BUILD/examples/fib" 18
E=$(printf '%s\n' "$ERR" | sed -n 's/.* jump cache \([0-9]*\) hits.*/\1/p')
expect_eq "--stats: ... or jump-cache hits > 1000 (GLYPH_JIT_RAS=0)" 1 "$(( ${E:-0} > 1000 ))"

# the color policy under the JIT: the checked variant raises the fault,
# at the address the interpreter reports (it moves with the runtime's size)
run glyph-run --no-jit "$GLYPH_BUILD/examples/colors"
want=$(printf '%s\n' "$ERR" | grep -o 'capability fault: load from address 0x[0-9a-f]* of data color 3 by code color 0')
expect_match "the interpreter's capability fault" "^capability fault: load from address 0x[0-9a-f]+ " "$want"
run glyph-run --jit --stats "$GLYPH_BUILD/examples/colors"
expect_match "a capability fault with the JIT, where the interpreter has it" "$want" "$ERR"
expect_match "... raised by translated code (checked variant)" " 1 checked-access traps" "$ERR"
finish
