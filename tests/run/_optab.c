/*
 * _optab.c - test helper: one line per register-only op of isa.def
 * (class ALU, no constant read) with the operands to test it with and
 * its flag effect, for flags.sh:  MNEMONIC OPERANDS R W
 */
#include <stdio.h>

#include "isa.h"

int main(void)
{
    for (unsigned op = 0; op < GL_OP_COUNT; op++) {
        const gl_opinfo *oi = gl_opinfo_get(op);
        const char *args = oi->syntax == GL_SYN_RRR   ? "a0, a1, a2"
                           : oi->syntax == GL_SYN_RR  ? "a0, a1"
                           : oi->syntax == GL_SYN_RIMM ? "a0, 3"
                                                       : NULL;
        if (gl_op_class(op) != GL_CLASS_ALU || gl_op_const_size(op) || !args)
            continue;
        printf("%s|%s|%d|%d\n", oi->mnemonic, args, !!(oi->flags & GL_FLAG_R),
               !!(oi->flags & GL_FLAG_W));
    }
    return 0;
}
