/*
 * trap.h - traps as events.  When an instruction cannot complete, the
 * core stops the hart in front of it and fills in one emu_trap: the
 * cause, the faulting address (or operand), and the (pc, ib) of the
 * instruction; every earlier instruction has completed and is counted,
 * this one has not run.  The driver decides what the event means: user
 * mode runs the guest's signal handler on a signal frame (signal.c) or
 * reports it and exits (report.c); full-system mode enters the trap
 * vector (system/trap.c).  Either way the hart can be resumed by running
 * it again (emu_exec in hart.h), at the same (pc, ib) or wherever the
 * driver has put it.
 */
#ifndef EMU_TRAP_H
#define EMU_TRAP_H

#include <stdint.h>

/* Why an instruction trapped. */
enum emu_trap_kind {
    EMU_T_NONE,
    EMU_T_BREAK,       /* break: SIGTRAP */
    EMU_T_ILLEGAL,     /* illegal n: SIGILL */
    EMU_T_INVALID,     /* reserved or ill-formed encoding: SIGILL */
    EMU_T_PRIV,        /* system instruction/register not for user mode: SIGILL */
    EMU_T_FETCH,       /* fetch from unmapped/non-executable memory: SIGSEGV */
    EMU_T_FETCH_ALIGN, /* odd pc: SIGBUS */
    EMU_T_LOAD,        /* load fault: SIGSEGV */
    EMU_T_STORE,       /* store fault: SIGSEGV */
    EMU_T_BUS,         /* host SIGBUS on a guest page (file past EOF) */
    EMU_T_CAP_FETCH,   /* capability faults: SIGSEGV */
    EMU_T_CAP_LOAD,
    EMU_T_CAP_STORE,
    EMU_T_CAP_XFER     /* jump/call/return to a color colormatexec forbids (extension) */
};

/* One trap event. */
typedef struct emu_trap {
    int kind;                /* enum emu_trap_kind */
    uint64_t addr;           /* faulting address (memory and fetch faults) */
    uint64_t value;          /* the instruction's operand (break n, illegal n, system register) */
    uint64_t pc, ib;         /* the trapping instruction */
    unsigned scolor, dcolor; /* capability faults: code and data colors */
} emu_trap;

#endif
