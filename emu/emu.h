/*
 * emu.h - the user-mode emulator's context and the interfaces between
 * its parts.  Core (cpu.h, mem.h, block.h, interp) knows nothing about
 * Linux; user mode (loader, stack, syscalls, faults, binfmt) drives it.
 * Everything mutable hangs off one emu_ctx owned by main().
 */
#ifndef EMU_H
#define EMU_H

#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>

#include "block.h"
#include "cpu.h"
#include "glyph_elf.h"
#include "mem.h"

#define EMU_NAME "glyph-run"

/* Why execution stopped (fault reports and exit status). */
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
    EMU_T_CAP_STORE
};

typedef struct emu_trap {
    int kind;       /* enum emu_trap_kind */
    uint64_t addr;  /* faulting address (memory and fetch faults) */
    uint64_t pc, ib;
    unsigned scolor, dcolor; /* capability faults: code and data colors */
} emu_trap;

/* What the interpreter returns to the run loop. */
enum {
    EMU_EXIT_LOOKUP,  /* next block needed: pc/ib set, chain_slot may be set */
    EMU_EXIT_SYSCALL, /* pc already past the syscall */
    EMU_EXIT_TRAP     /* ctx->trap filled */
};

/* Exit statuses that are not the guest's own. */
enum {
    EMU_STATUS_USAGE = 1,    /* bad option, bad executable */
    EMU_STATUS_LIMIT = 124,  /* --max-insns reached (like timeout(1)) */
    EMU_STATUS_SIGNAL = 128  /* + signal number */
};

typedef struct emu_opts {
    int strace, trace, dump_regs, stats;
    uint64_t max_insns; /* 0: unlimited */
    int sandbox;        /* refuse (-EPERM) every syscall with effects outside
                         * the guest: files, signals, limits (the fuzz target) */
} emu_opts;

typedef struct emu_sigact {
    uint64_t handler, flags, mask;
} emu_sigact;

typedef struct emu_ctx emu_ctx;
typedef int (*emu_interp_fn)(emu_ctx *ctx, emu_block *b);

struct emu_ctx {
    emu_cpu cpu;
    emu_mem mem;
    emu_cache cache;

    /* execution */
    uint64_t icount;       /* guest instructions executed */
    uint64_t chain_limit;  /* blocks chain only while icount stays below */
    int flush_pending;     /* a store hit a cached page: flush at block exit */
    emu_block *cur_blk;    /* block being executed */
    const emu_uop *cur;    /* memory uop being executed (fault attribution) */
    emu_block **chain_slot; /* where to link the next block */
    volatile int in_guest; /* host faults in the region are guest faults */
    sigjmp_buf fault_jmp;
    emu_trap trap;
    emu_interp_fn interp;
    void *altstack;

    /* capability policy (NT_GLYPH_COLORS) */
    int colors_on;         /* chosen at load time: checks only if not all-allowed */
    int unreadable;        /* a mapped page is W or X but not R (host cannot mirror that) */
    gl_color_policy policy;
    uint16_t rmask[GL_COLORS]; /* colorread & colormatread[s] */
    uint16_t wmask[GL_COLORS]; /* colorwrite & colormatwrite[s] */
    unsigned from_color;   /* color of the code that ran last: where a fetch came from */

    /* the program */
    const char *prog;      /* name in messages: the path as given */
    char *exe_path;        /* absolute path (readlink /proc/self/exe) */
    uint64_t entry, entry_ib;
    uint64_t phdr_addr, phnum;
    void *phdr_copy;       /* the table, when no segment loads it */
    emu_opts opt;

    /* process state the syscalls keep */
    int exited;
    int exit_status;
    emu_sigact sigact[65];
    uint64_t sigmask;
    uint64_t sigpend;      /* signals sent to itself while blocked (bit sig-1) */
    int path_err;          /* this syscall's first bad path: -EFAULT or -ENAMETOOLONG */
    uint8_t unknown_seen[4096 / 8]; /* unknown syscalls already reported */
    uint64_t unknown_big[32];      /* ... and such numbers >= 4096 */
    unsigned n_unknown_big;
    FILE *log;             /* stderr */
};

/* interp.c: the two interpreter variants (colors checked or not).  Called
 * with b == NULL it stores its handler table in ctx->cache.labels. */
int emu_interp_plain(emu_ctx *ctx, emu_block *b);
int emu_interp_colors(emu_ctx *ctx, emu_block *b);
/* Pick the variant: the checking one (emu_interp_colors, which also
 * checks read permission in the page table) when colors are on or a
 * page is mapped without read permission.  Call after loading and after
 * any mapping change; switching flushes the block cache (a block's uops
 * hold the handlers of one variant). */
void emu_interp_select(emu_ctx *ctx);
/* Note a guest mapping change to prot (EMU_P_*): W or X without R
 * needs the checking variant, as host pages cannot be W or X without
 * being readable. */
void emu_note_prot(emu_ctx *ctx, unsigned prot);

/* run.c: the run loop; returns the process exit status. */
int emu_run(emu_ctx *ctx);
void emu_dump_regs(emu_ctx *ctx);

/* loader.c: load an ELF executable; 0, or -1 after printing why. */
int emu_load(emu_ctx *ctx, const char *path);
/* stack.c: the initial stack (argc, argv, envp, auxv); 0 or -1. */
int emu_setup_stack(emu_ctx *ctx, int argc, char **argv, char **envp);
/* colors.c: program the policy; sets colors_on unless all-allowed. */
void emu_colors_set(emu_ctx *ctx, const gl_color_policy *p);
int emu_colors_allow_exec(const emu_ctx *ctx, unsigned color);
int emu_colors_allow_read(const emu_ctx *ctx, unsigned s, unsigned d);
int emu_colors_allow_write(const emu_ctx *ctx, unsigned s, unsigned d);
/* fault.c: host signal handlers and trap reports. */
int emu_fault_init(emu_ctx *ctx);
void emu_fault_fini(emu_ctx *ctx);
int emu_trap_report(emu_ctx *ctx); /* prints, returns the exit status */
/* The instruction at pc as assembler text (a data directive when it
 * does not decode, "?" when pc is not executable); returns its length
 * in bytes, 0 when not executable. */
unsigned emu_insn_text(emu_ctx *ctx, uint64_t pc, char *buf, size_t size);
/* syscall.c */
void emu_syscall(emu_ctx *ctx);
/* binfmt.c: --binfmt=install|remove|status */
int emu_binfmt(const char *action, const char *name);

#endif
