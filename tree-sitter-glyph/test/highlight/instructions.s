# instructions.s - mnemonic classes, registers, operands
    .globl main
#   ^ keyword.directive
#          ^ label.reference
main:
# <- label
    load.i64 a0, 8(sp)
#   ^ function.builtin.memory
#            ^ variable.builtin
#                ^ number
#                  ^ variable.builtin
    store.i8.w r40, 0(t1)
#   ^ function.builtin.memory
#              ^ variable.builtin
    cas.i64 a0, a1, (s0)
#   ^ function.builtin.memory
    add.i64 a0, a1, fp
#   ^ function.builtin
#                   ^ variable.builtin
    cmp.gt.i64 a0, a1
#   ^ function.builtin
    b 1f
#   ^ keyword.control
#     ^ label.reference
    j.i64 ib64(3)
#   ^ keyword.control
#         ^ keyword.operator
#              ^ number
    lea.i64 a0, ib32(2)(pc)
#   ^ function.builtin
#                       ^ variable.builtin
    load.i64 a1, ib32(2)(pc)
#   ^ function.builtin.memory
    ibj 128
#   ^ keyword.control
    call printf
#   ^ keyword.control.pseudo
#        ^ label.reference
    li a0, 'x'
#   ^ function.builtin.pseudo
#          ^ character
    la t1, errno
#   ^ function.builtin.pseudo
#          ^ label.reference
    syscall
#   ^ keyword.system
    sysread a0, colorread
#   ^ keyword.system
#           ^ variable.builtin
#               ^ constant.builtin
1:  ret
# <- label
#   ^ keyword.control.pseudo
    j .-4
#     ^ variable.builtin
#      ^ operator
    push a0                 # a macro
#   ^ function.macro
#                           ^ comment
