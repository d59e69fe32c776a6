#!/bin/sh
# Warnings: the object is still written and the exit status is 0, the
# message names the line and suggests the fix.
. "$GLYPH_SRC/tests/common.sh"

# warns DESC SOURCE REGEX  (SOURCE through printf %b); REGEX "" = no warning
warns() {
    printf '%b' "$2" > t.s
    rm -f t.o
    run glyph-as -o t.o t.s
    if [ -z "$3" ]; then
        if [ "$STATUS" = 0 ] && [ -z "$ERR" ]; then ok "$1"; else not_ok "$1" "status $STATUS" "got: $ERR"; fi
    elif [ "$STATUS" = 0 ] && [ -e t.o ] && printf '%s\n' "$ERR" | grep -Eq -- "$3"; then
        ok "$1"
    else
        not_ok "$1" "status $STATUS (want 0, t.o written)" "want message: $3" "got: $ERR"
    fi
}

F='    .text\n    .globl f\nf:\n'
warns "j to another function of the object" "$F    j g\n    .globl g\ng:\n    ret\n" \
    '^t\.s:4:5: warning: `j g` jumps to the function `g` without setting `ra`, so its `ret` will not return to this function.s caller; use `tail g`$'
warns "j to an undefined function" "$F    j ext\n" \
    '^t\.s:4:5: warning: `j ext` jumps to the undefined \(external\) function `ext` .*use `tail ext`$'
warns "j to a label of the same function: fine" "$F    j 1f\n1:  ret\n" ""
warns "j to a local label of another function: fine" "$F    ret\n    .globl g\ng:\n    j .Lx\n    .globl h\nh:\n.Lx: ret\n" ""
warns "tail to another function: fine" "$F    tail g\n    .globl g\ng:\n    ret\n" ""
finish
