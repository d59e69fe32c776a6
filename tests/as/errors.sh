# errors.sh - malformed input: each case must print the expected
# "file:line:col: error: ..." message, exit with status 1 and leave no
# object file behind.
. "$GLYPH_SRC/tests/common.sh"

# bad DESC SOURCE REGEX  (SOURCE goes through printf %b)
bad() {
    printf '%b' "$2" > t.s
    run glyph-as -o t.o t.s
    if [ "$STATUS" = 1 ] && printf '%s\n' "$ERR" | grep -Eq -- "$3" && [ ! -e t.o ]; then
        ok "$1"
    else
        not_ok "$1" "status $STATUS (want 1)" "want message: $3" "got: $ERR" \
            "$( [ -e t.o ] && echo 't.o was left behind')"
    fi
    rm -f t.o
}

bad "bad register"            'add.i64 a0, a1, x9\n'        '^t\.s:1:1: error: invalid operands for `add\.i64`: expected rc, rb, ra'
bad "register too high for .n" 'add.i64.n a0, a1, t1\n'     '^t\.s:1:1: error: .*r0-r7'
bad "immediate out of range"  'movi.i64 a0, 5000\n'          '^t\.s:1:1: error: `movi\.i64\.w`: immediate 5000 out of range -2048\.\.2047'
bad "immediate out of range .n" 'movi.i64.n a0, 50\n'        'immediate 50 out of range -32\.\.31'
bad "shift amount"            'slli.i64 a0, 64\n'            'immediate 64 out of range 0\.\.63'
bad "misaligned displacement" 'load.i64.w a0, 3(sp)\n'       'must be a multiple of 8'
bad "constant index"          'movq.i64 a0, ib64(5000)\n'    'constant index 5000 out of range 0\.\.4095'
bad "undefined local label"   '  b 1f\n'                     '^t\.s:1:5: error: undefined local label `1f`'
bad "backward local label"    'nop\n  j 3b\n'                '^t\.s:2:5: error: backward reference to local label `3b`'
bad "unterminated string"     '  .string "abc\n'             '^t\.s:1:11: error: missing terminating " character'
bad "bad character constant"  ".byte 'ab'\n"                 '^t\.s:1:7: error: bad character constant'
bad "unknown directive"       'nop\n.frob 1\n'               '^t\.s:2:1: error: unknown directive `\.frob`'
bad "unknown mnemonic"        '  frob a0\n'                  '^t\.s:1:3: error: unknown instruction `frob`$'
bad "call to a numeric local label" '  .globl f\nf:\n  call 1f\n1: ret\n' '^t\.s:3:3: error: local label `1` is inside function `f`, not a function entry: call a named function$'
bad "missing type suffix"     '  addi a0, 1\n'               '^t\.s:1:3: error: unknown instruction `addi`; did you mean `addi\.i64`\?$'
bad "missing type suffix, several" '  load a0, 0(sp)\n'      'unknown instruction `load`; did you mean `load\.i64`, `load\.i8`, `load\.u8`, `load\.i16`, \.\.\.\?$'
bad "missing type suffix, with .w" '  addi.w a0, 1\n'        'unknown instruction `addi\.w`; did you mean `addi\.i64\.w`\?$'
bad "missing type suffix of a cmp" '  cmp.lt a0, a1\n'       'unknown instruction `cmp\.lt`; did you mean `cmp\.lt\.i64`\?$'
bad "garbage bytes"           '\177ELF\002\001\001\000\n'    '^t\.s:1:1: error: unexpected byte 0x7f'
bad "a byte >= 0x80 outside a comment or string" 'nop \303\251\n'   '^t\.s:1:5: error: unexpected byte 0xc3'
bad "syntax error"            'add.i64 a0,, a1\n'            '^t\.s:1:12: error: syntax error'
bad "missing include"         'nop\n.include "nope.s"\n'     '^t\.s:2:1: error: cannot open `nope\.s`: No such file'
bad "recursive macro"         '.macro m\nm\n.endm\nm\n'      '^t\.s:2:1: error: macro `m` nested more than 64 deep'
# a recursion that branches (two calls per level, through .rept) ends at
# the first too-deep expansion, not after 2^64 of them (found by fuzzing)
printf '.macro m\n.rept 1\nm\nm\n.endr\n.endm\nm\n' > t.s
run timeout 20 glyph-as -o t.o t.s
expect_eq "branching recursive macro: status" 1 "$STATUS"
expect_match "branching recursive macro: message" '^t\.s:2:1: error: repetitions nested more than 64 deep' "$ERR"
bad ".endif without .if"      '.endif\n'                     '^t\.s:1:1: error: `\.endif` without `\.if`'
bad ".else without .if"       'nop\n .else\n'                '^t\.s:2:2: error: `\.else` without `\.if`'
bad ".if without .endif"      '.if 1\nnop\n'                 '^t\.s:1:1: error: `\.if` without `\.endif`'
bad ".macro without .endm"    '.macro m\nnop\n'              '^t\.s:1:1: error: `\.macro` without `\.endm`'
bad ".endm without .macro"    '.endm\n'                      '^t\.s:1:1: error: `\.endm` without `\.macro`'
bad "duplicate label"         'x: nop\nx: nop\n'             '^t\.s:2:1: error: symbol `x` is already defined'
bad "byte out of range"       '.data\n.byte 1, 300\n'        '^t\.s:2:10: error: value 300 does not fit in 1 bytes'
bad "instruction in data"     '.data\nnop\n'                 '^t\.s:2:1: error: instruction `nop` in section `\.data`'
bad "li without value"        'li a0\n'                      '^t\.s:1:1: error: `li` expects rc, expression'
bad "division by zero"        '.long 1/0\n'                  '^t\.s:1:8: error: division by zero'
bad "unknown system register" 'sysread a0, nosuch\n'         '^t\.s:1:13: error: unknown system register `nosuch`'
bad "unknown section flag"    '.section .x, "aq"\n'          '^t\.s:1:14: error: unknown section flag `q`'
bad "color out of range"      '.color 16\n'                  '^t\.s:1:8: error: color 16 out of range 0\.\.15'
bad "section color range"     '.section .t, "ax", @progbits, color=99\n' 'color 99 out of range 0\.\.15'
bad ".compartment without a name" '.compartment\n'               '^t\.s:1:1: error: `\.compartment` expects 1 argument|^t\.s:1:1: error: .*\.compartment'
bad ".compartment bad name"   '.compartment "9lives"\n'        '^t\.s:1:14: error: `\.compartment` needs a name'
bad ".compartment: one section, two compartments" '.compartment a\n.text\nf: ret\n.compartment b\n.text\ng: ret\n' '^t\.s:5: error: section `\.text` already holds code or data of compartment `a` and cannot also be in `b`; give `b` a section of its own \(`\.section \.text\.b`\)$'
bad "negative .rept"          '.rept -1\n.endr\n'            '^t\.s:1:1: error: `\.rept` count -1 out of range'
bad "call of a register"      'call a0\n'                    '^t\.s:1:6: error: `call` needs a symbol'
bad "bad link register"       'jal.i64 a0, ib64(1)\n'        'link register must be t0 or ra'
bad "wrong constant size"     'movd.i64 a0, ib64(1)\n'       '^t\.s:1:14: error: `movd\.i64` reads a 4-byte constant'
bad "data in .bss"            '.bss\n.byte 1\n'              '^t\.s:2:1: error: `\.byte` stores data, but section `\.bss`'
bad "bad .align"              '.align 40\n'                  '^t\.s:1:8: error: `\.align` 40: power of two must be 0\.\.16'
bad ".equiv defines once"     '.equiv X, 1\n.equiv X, 2\n'   '^t\.s:2:1: error: symbol `X` is already defined'
bad ".zero fill too big"      '.data\n.zero 2, 300\n'       '^t\.s:2:10: error: `\.zero` fill value 300 does not fit in a byte'
bad ".balign fill too big"    '.data\n.balign 4, 0x1ff\n'   '^t\.s:2:12: error: `\.balign` fill value 511 does not fit in a byte'
bad "trailing comma"          '.data\n.byte 1,\n'           '^t\.s:2:9: error: syntax error, empty argument 2'
bad "circular .equ"           '.equ a, b\n.equ b, a\n.long a\n' 'defined in terms of itself'
bad "ibj not multiple of 64"  'ibj 100\n'                    'must be a multiple of 64'
bad "relocated byte"          '.byte ext\n'                  '^t\.s:1:7: error: a 1-byte value cannot hold a symbol address'
bad "b to another section"    '.section .text.b, "ax"\nb far\n.text\nfar: nop\n' '^t\.s:2:1: error: conditional branch to `far`.*invert the condition around a `j`'
bad "b to another function"   '.globl f\nf: b g\n.globl g\ng: nop\n' '^t\.s:2:4: error: conditional branch to `g`, which is in another function'
bad "call of a non-entry label" '.globl f\nf: call helper\n ret\nhelper: ret\n' '^t\.s:2:4: error: `helper` is a label inside function `f`, not a function entry'
bad "block name outside .const" '.globl f, g\nf: nop\ng: nop\n' 'error: `g`, the immediate block name of function `f`, is defined outside a \.const section'
bad "hand-written block + li"   '.globl f\nf: li a0, 1000000\n.const\n.balign 64\nf.const: .quad 1\n' '^t\.s:2:4: error: function `f` has a hand-written immediate block `f\.const`'
bad "b too far"               'b x\n.zero 300000\nx: nop\n' '^t\.s:1:1: error: branch target out of range: \+300004 bytes, `b\.w` reaches .*invert the condition'
bad "b.n too far"             'b.n x\n.zero 600\nx: nop\n'  '^t\.s:1:1: error: branch target out of range.*use `b\.w`, or invert the condition around `j`'
bad "odd instruction"         '.byte 1\nnop\n'               '^t\.s:2:1: error: instruction at odd offset 1'
bad "absolute needed"         '.zero x\nx:\n'                 '^t\.s:1:7: error: expression must be'
bad "too many macro args"     '.macro m a\n.endm\nm 1, 2\n'   '^t\.s:3:1: error: too many arguments for macro `m`'
bad ".if expression: column"  '.if 1/0\n.endif\n'          '^t\.s:1:6: error: division by zero'
bad ".elseif expression: column" '.if 0\n.elseif 2/0\n.endif\n' '^t\.s:2:10: error: division by zero'
bad ".rept expression: column" '  .rept 2+\n.endr\n'           '^t\.s:1:10: error: syntax error'
bad "after a comment: column" '/* a\n b */  frob\n'            '^t\.s:2:8: error: unknown instruction `frob`'
bad "unterminated comment"    'nop\n  /* open\nnop\n'          '^t\.s:2:3: error: unterminated comment'
bad "error inside a macro"    '.macro m\n frob\n.endm\nm\n'  '^t\.s:2:2: error: unknown instruction `frob`'

# the note points at the macro call
printf '.macro m\n frob\n.endm\n  m\n' > t.s
run glyph-as -o t.o t.s
expect_match "macro errors note the call site" '^t\.s:4:3: note: in expansion of macro `m`' "$ERR"

# several errors in one run: all reported, in order
printf 'frob\nnop\n.frob\nadd.i64 a0\n' > t.s
run glyph-as -o t.o t.s
expect_eq "keeps going after an error (3 errors)" 3 "$(printf '%s\n' "$ERR" | grep -c 'error:')"

# the 50th error stops the assembler: a macro that fails in each of 35
# .irp copies and recurses 5 levels deep would otherwise run 35^5 times
cat > t.s <<'EOF2'
    .macro      grow d
    .irp        r, 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35
    .macro      inner
    .endm
    .if         \d < 5
    grow        \d+1
    .endif
    .endr
    .endm
    grow        0
EOF2
run glyph-as -o t.o t.s
expect_eq "error limit: 50 errors shown" 50 "$(printf '%s\n' "$ERR" | grep -c 'error:')"
expect_match "error limit: says it stopped" '^glyph-as: too many errors \(50\), assembly stopped$' "$ERR"
expect_eq "error limit: status 1" 1 "$STATUS"
expect_no_file "error limit: no object" t.o
printf 'frob\n%.0s' $(seq 60) > t.s
printf 'frob\n' > u.s
run glyph-as -o t.o t.s u.s
expect_eq "error limit: later files are not read" 0 "$(printf '%s\n' "$ERR" | grep -c '^u\.s:')"

# a 1 MB line: the column of the error is exact
awk 'BEGIN { printf ".byte "; for (i = 0; i < 350000; i++) printf "1,"; printf "@\n" }' > t.s
run glyph-as -o t.o t.s
expect_match "1 MB line: error column" '^t\.s:1:700007: error: syntax error, unexpected end of line, expecting name' "$ERR"
expect_no_file "1 MB line: no object" t.o

# a 1 MB line that is one long expression: an error, not a stack overflow
awk 'BEGIN { printf ".quad "; for (i = 0; i < 500000; i++) printf "1+"; printf "1\n" }' > t.s
run glyph-as -o t.o t.s
expect_eq "1 MB expression: status 1 (no crash)" 1 "$STATUS"
expect_match "1 MB expression: message" '^t\.s:1:2006: error: expression nested more than 1000 operators deep$' "$ERR"
expect_no_file "1 MB expression: no object" t.o
awk 'BEGIN { printf ".quad "; for (i = 0; i < 100000; i++) printf "-"; printf "x\n" }' > t.s
run glyph-as -o t.o t.s
expect_match "deep unary operators: message" '^t\.s:1:10002: error: expression nested too deeply$' "$ERR"
expect_eq "deep unary operators: status 1" 1 "$STATUS"
# 100000 symbols each defined through the previous one and a label
awk 'BEGIN { print ".data"; print "l: .byte 0"; print ".equ e0, l";
             for (i = 1; i < 100000; i++) printf ".equ e%d, e%d + 1\n", i, i - 1;
             print ".quad e99999" }' > t.s
run glyph-as -o t.o t.s
expect_match "deep symbol chain: message at the use" \
    '^t\.s:100003:7: error: expression nested more than 10000 levels deep' "$ERR"
expect_eq "deep symbol chain: status 1 (no crash)" 1 "$STATUS"
expect_no_file "deep symbol chain: no object" t.o

# a bad token after a comma: one error, the statement is not acted on
printf '.data\n.byte 1, )\n' > t.s
run glyph-as -o t.o t.s
expect_eq "bad token after a comma: exactly one error" \
    "t.s:2:10: error: syntax error, unexpected ')'" "$ERR"

# an immediate block that overflows
{
    echo '.globl f'; echo 'f:'
    echo '.set i, 0'; echo '.rept 4097'; echo 'li a0, 0x100000000 + i'; echo '.set i, i + 1'; echo '.endr'
} > t.s
run glyph-as -o t.o t.s
expect_match "block overflow names function and count" \
    'error: immediate block of function `f` overflows: 4097 constants' "$ERR"
expect_no_file "block overflow: no object" t.o

# missing input file, bad option
run glyph-as -o t.o nosuch.s
expect_match "missing input file" 'error: cannot open `nosuch\.s`' "$ERR"
expect_eq "missing input: status 1" 1 "$STATUS"
expect_no_file "missing input: no object" t.o

# an existing output is not clobbered by a failed run
echo keep > t.o
printf 'frob\n' > t.s
run glyph-as -o t.o t.s
expect_eq "failed run keeps the old output" keep "$(cat t.o)"
expect_eq "no temporary files left" "" "$(ls -a | grep glyph-as)"
finish
