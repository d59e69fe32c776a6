/*
 * cpu.h - architectural state of one glyph hart.  Shared by the user-mode
 * emulator, the interpreter, and (later) the JIT and full-system mode:
 * nothing here knows about Linux, ELF or the host.
 */
#ifndef EMU_CPU_H
#define EMU_CPU_H

#include <stdint.h>

#define EMU_NREGS 64

typedef struct emu_cpu {
    uint64_t r[EMU_NREGS]; /* r0 (sp) .. r63 */
    uint64_t pc;           /* address of the next instruction */
    uint64_t ib;           /* immediate base of the current block */
    uint64_t flag;         /* predicate / carry: always 0 or 1 */
    uint64_t fpcontrol;    /* user system registers 0x00/0x01 (no FPU yet) */
    uint64_t fpstatus;
} emu_cpu;

/* Registers the ABI gives a role the emulator itself relies on. */
enum {
    EMU_REG_SP = 0, /* stack pointer at start-up */
    EMU_REG_A0 = 4, /* syscall argument 0 and result */
    EMU_REG_A1 = 5,
    EMU_REG_T0 = 6, /* syscall number */
    EMU_REG_A2 = 8, /* syscall arguments 2..5 are r8..r11 */
    EMU_REG_A3 = 9,
    EMU_REG_A4 = 10,
    EMU_REG_A5 = 11
};

#endif
