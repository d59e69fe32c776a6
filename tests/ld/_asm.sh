# _asm.sh - assembly sources shared by the asm_* tests (sourced).
# need_as: skip the whole test unless glyph-as is built and works.
need_as() {
    command -v glyph-as >/dev/null 2>&1 || skip_all "glyph-as not built in $GLYPH_BUILD"
    printf '    .text\n    .globl f\nf:\n    ret\n' > probe.s
    if ! glyph-as -o probe.o probe.s >probe.err 2>&1; then
        skip_all "glyph-as fails on a one-line function: $(head -c 200 probe.err | tr '\n' ' ')"
    fi
}

write_sources() {
cat > main.s <<'S'
    .text
    .globl _start
_start:
    call greet
    call greet2
    call vault
    la a0, secret
    load.u8 a1, 0(a0)
    li a0, 7
    tail finish
S
cat > greet.s <<'S'
    .text
    .globl greet
greet:
    li a0, 1
    la a1, msg
    li a2, 6
    li t0, 64
    syscall
    ret

    .globl greet2
greet2:
    tail greet
S
cat > finish.s <<'S'
    .text
    .globl finish
finish:
    li t0, 93
    syscall
    .rodata
    .globl msg
msg: .string "hello\n"
S
cat > vault.s <<'S'
    .section .text.vault, "ax", color=3
    .globl vault
vault:
    li a0, 1
    la a1, secret
    li a2, 7
    li t0, 64
    syscall
    ret
    .section .data.vault, "aw", color=3
    .globl secret
secret: .string "secret\n"
S
for f in main greet finish vault; do glyph-as -o $f.o $f.s || return 1; done
}
