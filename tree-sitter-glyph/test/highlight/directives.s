# directives.s - directives, strings, macros, assignments
    .section .text.vault, "ax", @progbits, color=3
#   ^ keyword.directive
#                         ^ string
#                               ^ type
#                                          ^ property
    .string "a\tb\n"
#            ^ string
#             ^ string.escape
    .macro wrapper name, nr=0
#   ^ keyword.directive
#          ^ function.macro
#                  ^ variable.parameter
#                        ^ variable.parameter
\name:
# <- variable.parameter
    li t0, \nr
#          ^ variable.parameter
    .endm
#   ^ keyword.directive
    .irp r, s0, s1
#        ^ variable.parameter
    .endr
    size = 4 * 8
#   ^ constant
#        ^ operator
    .quad end - start
#         ^ label.reference
    .ifdef DEBUG
#   ^ keyword.directive
    .endif
    .include "regs.inc"
#   ^ keyword.directive
#            ^ string
/* block
   comment */
# <- comment
