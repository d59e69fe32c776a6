/*
 * machine.h - glyph-run's full-system mode: the glyph-virt machine
 * (docs/system.md).  One hart runs in an address space whose memory has
 * a slow path (phys.c: the machine's physical map: RAM, the firmware ROM
 * and its shadow at 0, the UART); the translating interpreter takes
 * every access through it.  The system instructions trap out of the
 * interpreter and are executed here (sysreg.c, trap.c), between blocks,
 * so that a write to a system register takes effect before the next
 * instruction.  run.c is the loop: clock, interrupts, wfi, power.
 */
#ifndef EMU_SYSTEM_MACHINE_H
#define EMU_SYSTEM_MACHINE_H

#include <stdint.h>
#include <stdio.h>

#include "aspace.h"
#include "glyph_elf.h"
#include "hart.h"

#define SYS_NAME "glyph-run"

/* The memory map (canonical vm12 physical addresses, docs/system.md). */
#define SYS_RAM_BASE GL_KIMAGE_MIN
#define SYS_RAM_DEFAULT ((uint64_t)128 << 20)
#define SYS_RAM_MAX ((uint64_t)16 << 30)
#define SYS_UART_BASE ((uint64_t)0xFFFFE00010000000u)
#define SYS_UART_SIZE 0x100u
#define SYS_ROM_BASE GL_FIMAGE_MIN /* the window glyph-ld links -bios images for */
#define SYS_ROM_SIZE (GL_FIMAGE_LIMIT - GL_FIMAGE_MIN) /* 16 MiB */
#define SYS_SHADOW_SIZE ((uint64_t)64 << 10) /* top of the ROM, seen at 0 */
#define SYS_RESET_PC 0xFF80u
#define SYS_RESET_IB 0xFFC0u
#define SYS_FDT_MAX (1u << 20) /* the largest -dtb blob */
#define SYS_FDT_ALIGN ((uint64_t)64 << 10)

/* Exit statuses of the machine (beyond the guest's power-off status). */
enum {
    SYS_STATUS_USAGE = 1,  /* bad option, bad kernel */
    SYS_STATUS_STOP = 3,   /* machine stopped: double fault, dead wfi, reset with --no-reboot */
    SYS_STATUS_LIMIT = 124 /* --max-insns */
};

/* Trap causes (tcause; docs/isa.md "System mode"). */
enum {
    SYS_C_BREAK = 1, SYS_C_ILLEGAL = 2, SYS_C_DEBUG = 3,
    SYS_C_MISALIGN_FETCH = 4, SYS_C_MISALIGN_LOAD = 5, SYS_C_MISALIGN_STORE = 6,
    SYS_C_ACCESS_FETCH = 7, SYS_C_ACCESS_LOAD = 8, SYS_C_ACCESS_STORE = 9,
    SYS_C_PAGE_FETCH = 10, SYS_C_PAGE_LOAD = 11, SYS_C_PAGE_STORE = 12,
    SYS_C_CAP = 13, SYS_C_DOMAIN = 14, SYS_C_MACHINE = 15, SYS_C_TLB = 16,
    SYS_C_SYSCALL = 17, SYS_C_TIMER = 30, SYS_C_MESSAGE = 31, SYS_C_PIN0 = 32
};

/* Register fields the machine acts on. */
enum {
    SYS_TSTATUS_T = 1, SYS_TSTATUS_M = 2,
    SYS_TCONTROL_I = 1,
    SYS_SCONTROL_F = 1, SYS_SCONTROL_T = 2, SYS_SCONTROL_D = 4,
    SYS_SCONTROL_A = 8, SYS_SCONTROL_E = 16,
    SYS_MCONTROL_V = 1, SYS_MCONTROL_P = 2, SYS_MCONTROL_S = 4,
    SYS_DSTATUS_S = 1, SYS_DSTATUS_F = 2, SYS_DSTATUS_R = 4, SYS_DSTATUS_W = 8
};
#define SYS_SVERSION 0x000700u
#define SYS_SFEATURE 0x1Fu
#define SYS_MFEATURE 0x7u /* V: vm12 translation, P: physical permission check, S: software TLB */
#define SYS_STLB_SIZE 64  /* software TLB entries (mcontrol.S) */
#define SYS_PWC_SIZE 64   /* page-walk cache entries (mmu.c) */
#define SYS_SADDRESS ((uint64_t)0x1000000000000000u)
#define SYS_SDOMAIN ((uint64_t)0xE000000000000000u)
#define SYS_CFREQ_PS 1000u /* ctime counts nanoseconds */

typedef struct sys_opts {
    const char *kernel, *bios, *append, *dtb, *dumpdtb;
    uint64_t ram_size;
    int clock_insn;        /* --clock=insn[:N] */
    uint64_t ns_per_insn;  /* N */
    int no_reboot, trace, dump_regs, stats, trace_traps;
    uint64_t max_insns;    /* 0: unlimited */
} sys_opts;

/* ns16550a subset (uart.c). */
typedef struct sys_uart {
    uint8_t ier, lcr, mcr, scr, dll, dlm;
    int rx_valid;          /* rbr holds a byte */
    uint8_t rbr;
    int rx_eof;            /* stdin ended or failed */
    int in_fd;             /* -1: no input */
    FILE *out;
} sys_uart;

typedef struct sys_machine {
    sys_opts opt;
    emu_aspace *as;
    emu_hart *h;
    FILE *log;

    uint8_t *ram;          /* opt.ram_size bytes */
    uint8_t *rom;          /* SYS_ROM_SIZE bytes */
    uint8_t *code_mark;    /* per RAM page: blocks were decoded from it */
    uint8_t mmio_buf[8];   /* a device register access goes through here */
    int mmio_pending;      /* a device store waits in mmio_buf */
    uint64_t mmio_addr;
    unsigned mmio_len;

    uint64_t sr[4096];     /* system registers by number (sysreg.c) */
    emu_tlb_entry tlb[2][EMU_TLB_SIZE]; /* loads, stores: the memory's TLB (mmu.c) */
    uint8_t tlb_global[2][EMU_TLB_SIZE]; /* the entry survives sptr writes (PTE.G) */
    int xlate_global;      /* the last translation was global (mmu.c) */
    struct sys_stlb {      /* the software TLB (mcontrol.S, D17): what */
        uint64_t key, fmt, pte; /* mtlbkey, mtlbfmt, mtlbent were; pte 0: empty */
    } stlb[SYS_STLB_SIZE];
    unsigned stlb_next;    /* the entry the next insertion replaces */
    struct sys_pwc {       /* the page-walk cache: for a 2 MiB region of */
        uint64_t tag;      /* virtual addresses (tag: region << 1 | 1), */
        uint64_t table;    /* its last-level table (mmu.c) */
    } pwc[SYS_PWC_SIZE];
    uint64_t tlb_flushes;
    unsigned decode_color; /* colour of the page the decoder last fetched from */
    int decode_user;       /* ... and the role of that instruction (user: 1) */
    int unacked;           /* a trap was taken and not yet acknowledged (tack) */
    uint32_t pin_level;    /* device interrupt lines (bit n: pin n) */
    uint64_t msg_source;   /* tvalue of a pending message interrupt */
    unsigned fault_cause;  /* the last failed slow-path access: its cause ... */
    uint64_t fault_addr;   /* ... and address */
    uint64_t clock_skew;   /* insn clock: ns added by wfi skipping ahead */
    uint64_t host_t0;      /* host clock: ns at power-on */
    uint64_t entry, entry_ib, dtb_addr;
    uint64_t kernel_end;   /* end of the kernel's highest segment (physical) */
    sys_uart uart;

    int reset_taken;       /* econtrol reset: the syswrite does not step on */
    int stopped;           /* the run loop ends */
    int status;            /* ... with this exit status */
} sys_machine;

/* sys_main.c: glyph-run -M ...; the process exit status.  sys_wanted:
 * does the command line ask for full-system mode (-M among the options)? */
int sys_main(int argc, char **argv);
int sys_wanted(int argc, char **argv);

/* phys.c: the memory map. */
int sys_phys_init(sys_machine *mc);
void sys_phys_free(sys_machine *mc);
/* Host memory for [a, a+n) accessed as acc (EMU_P_*), or NULL and the
 * trap cause in *cause.  effects: device side effects and code marks
 * happen (an access), or not (classifying a trap). */
uint8_t *sys_phys_access(sys_machine *mc, uint64_t a, unsigned n, unsigned acc, int effects,
                         unsigned *cause);
/* Finish a device store left in mmio_buf. */
void sys_phys_flush(sys_machine *mc);
/* Host memory of [a, a+len) when it lies wholly in RAM or in the ROM
 * window, else NULL: where boot.c writes images, the reset stub and the
 * device tree before the machine runs (no marks, no device effects). */
uint8_t *sys_phys_image(sys_machine *mc, uint64_t a, uint64_t len);

/* mmu.c: sys_phys_access through vm12 translation when mcontrol.V is
 * set (same contract); the TLB flush of D9 (sys_tlb_flush_stores: the
 * store half only); the colour of a code page (emu_mem.xcolor). */
uint8_t *sys_mmu_access(sys_machine *mc, uint64_t va, unsigned n, unsigned acc, int effects,
                        unsigned *cause);
void sys_tlb_flush(sys_machine *mc);
void sys_tlb_flush_stores(sys_machine *mc);
void sys_tlb_flush_asid(sys_machine *mc);
/* mtlbent written: insert (mtlbkey, mtlbfmt, mtlbent) (D17). */
void sys_stlb_insert(sys_machine *mc);
unsigned sys_code_color(emu_mem *m, uint64_t pc);

/* fdt.c: the generated device tree (malloc'd blob), a -dtb file
 * checked (a message and -1 if malformed), --dumpdtb's whole-file write. */
int sys_fdt_build(sys_machine *mc, uint8_t **out, size_t *len);
int sys_fdt_load(sys_machine *mc, const char *path, uint8_t **out, size_t *len);
int sys_fdt_dump(sys_machine *mc, const char *path, const uint8_t *p, size_t n);

/* uart.c */
void sys_uart_init(sys_uart *u, int in_fd, FILE *out);
uint8_t sys_uart_read(sys_uart *u, unsigned reg);
void sys_uart_write(sys_uart *u, unsigned reg, uint8_t v);
/* Poll the host input without waiting (wait_ms < 0: until input or EOF). */
void sys_uart_poll(sys_uart *u, int wait_ms);
int sys_uart_irq(const sys_uart *u);

/* sysreg.c: sysread/syswrite of number n; 0, or the trap cause. */
uint64_t sys_ctime(const sys_machine *mc);
int sys_sr_read(sys_machine *mc, unsigned n, int user, uint64_t *v);
int sys_sr_write(sys_machine *mc, unsigned n, int user, unsigned op, uint64_t v);
void sys_sr_reset(sys_machine *mc);

/* The wired pins: latch rising edges of the device lines into sip (D19). */
void sys_pins_update(sys_machine *mc);
/* econtrol (D23). */
void sys_econtrol(sys_machine *mc, uint64_t v);

/* trap.c */
/* Enter the trap vector (synchronous: sync = 1). */
void sys_trap_enter(sys_machine *mc, unsigned cause, uint64_t tvalue, uint64_t epc,
                    uint64_t eib, int sync);
/* The core stopped on h->trap: handle it (system instructions included). */
void sys_trap_handle(sys_machine *mc);
/* Deliver the highest-priority pending interrupt if enabled: 1 if taken. */
int sys_irq_check(sys_machine *mc);
/* Something that could wake wfi is pending. */
int sys_irq_pending(sys_machine *mc);
/* The debug monitor's dstop: stop before this instruction (1 if taken). */
int sys_dstop_check(sys_machine *mc);

/* boot.c: load the kernel (or -bios image) and write the reset stub. */
int sys_boot_load(sys_machine *mc);
/* The device tree the machine passes: -dtb's file or the generated one. */
int sys_dtb_get(sys_machine *mc, uint8_t **blob, size_t *len);
void sys_reset(sys_machine *mc, int cold);

/* run.c */
int sys_run(sys_machine *mc);
void sys_stop(sys_machine *mc, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void sys_dump_regs(sys_machine *mc);

#endif
