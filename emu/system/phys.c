/*
 * phys.c - the glyph-virt physical memory map behind the memory layer's
 * slow path (emu_mem.xlate): RAM, the firmware ROM and its shadow at 0
 * (visible while translation is off), the UART's byte registers.
 * Everything else is an access fault.  With translation on, mmu.c
 * stands in front of it.  RAM pages that blocks were
 * decoded from carry a mark; a store to one flushes the block cache at
 * the next block boundary, as user mode does (docs/run.md "Blocks").
 *
 * A device load reads its register into mmio_buf when translated; a
 * device store is posted there and completed before the next access or
 * event (sys_phys_flush), since the slow path hands out memory before
 * the value is known.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "system/machine.h"

static unsigned fault_cause(unsigned acc)
{
    return acc & EMU_P_X ? SYS_C_ACCESS_FETCH
           : acc & EMU_P_W ? SYS_C_ACCESS_STORE : SYS_C_ACCESS_LOAD;
}

void sys_phys_flush(sys_machine *mc)
{
    if (!mc->mmio_pending)
        return;
    mc->mmio_pending = 0;
    sys_uart_write(&mc->uart, (unsigned)(mc->mmio_addr - SYS_UART_BASE), mc->mmio_buf[0]);
}

/* Blocks depend on RAM page p; a store to a marked page flushes them. */
static void ram_touch(sys_machine *mc, uint64_t off, unsigned n, unsigned acc)
{
    uint64_t p0 = off >> EMU_PAGE_SHIFT, p1 = (off + n - 1) >> EMU_PAGE_SHIFT;
    if (acc & EMU_P_W) {
        if (mc->code_mark[p0] | mc->code_mark[p1]) {
            memset(mc->code_mark, 0, mc->opt.ram_size >> EMU_PAGE_SHIFT);
            mc->as->flush_pending = 1;
            mc->h->chain_limit = 0; /* leave the interpreter at the block end */
        }
    } else if (acc & (EMU_P_X | EMU_P_CACHED)) {
        if (!(mc->code_mark[p0] & mc->code_mark[p1]))
            sys_tlb_flush_stores(mc); /* no TLB store may reach it now */
        mc->code_mark[p0] = mc->code_mark[p1] = 1;
    }
}

uint8_t *sys_phys_image(sys_machine *mc, uint64_t a, uint64_t len)
{
    uint64_t size = mc->opt.ram_size;
    if (a - SYS_RAM_BASE < size && len <= size - (a - SYS_RAM_BASE))
        return mc->ram + (a - SYS_RAM_BASE);
    if (a - SYS_ROM_BASE < SYS_ROM_SIZE && len <= SYS_ROM_SIZE - (a - SYS_ROM_BASE))
        return mc->rom + (a - SYS_ROM_BASE);
    return NULL;
}

uint8_t *sys_phys_access(sys_machine *mc, uint64_t a, unsigned n, unsigned acc, int effects,
                         unsigned *cause)
{
    *cause = fault_cause(acc);
    uint64_t size = mc->opt.ram_size;
    if (a - SYS_RAM_BASE < size && n <= size - (a - SYS_RAM_BASE)) {
        uint64_t off = a - SYS_RAM_BASE;
        if (effects)
            ram_touch(mc, off, n, acc);
        return mc->ram + off;
    }
    const uint64_t shadow = SYS_ROM_SIZE - SYS_SHADOW_SIZE;
    if (a < SYS_SHADOW_SIZE && n <= SYS_SHADOW_SIZE - a &&
        !(mc->sr[GL_SR_mcontrol] & SYS_MCONTROL_V))
        return acc & EMU_P_W ? NULL : mc->rom + shadow + a;
    if (a - SYS_ROM_BASE < SYS_ROM_SIZE && n <= SYS_ROM_SIZE - (a - SYS_ROM_BASE))
        return acc & EMU_P_W ? NULL : mc->rom + (a - SYS_ROM_BASE);
    if (a - SYS_UART_BASE < SYS_UART_SIZE) {
        /* byte registers: a fetch or an aligned wider access is an
         * access fault, a misaligned one a misaligned-access fault (D22) */
        if (n != 1 || (acc & EMU_P_X)) {
            if (!(acc & EMU_P_X) && (a & (n - 1)))
                *cause = acc & EMU_P_W ? SYS_C_MISALIGN_STORE : SYS_C_MISALIGN_LOAD;
            return NULL;
        }
        if (effects) {
            sys_phys_flush(mc);
            if (acc & EMU_P_W) {
                mc->mmio_pending = 1;
                mc->mmio_addr = a;
            } else {
                mc->mmio_buf[0] = sys_uart_read(&mc->uart, (unsigned)(a - SYS_UART_BASE));
            }
        }
        return mc->mmio_buf;
    }
    return NULL;
}

static uint8_t *xlate(emu_mem *m, uint64_t a, unsigned n, unsigned acc)
{
    sys_machine *mc = m->xlate_arg;
    unsigned cause;
    sys_phys_flush(mc);
    uint8_t *p = sys_mmu_access(mc, a, n, acc, 1, &cause);
    if (!p) {
        mc->fault_cause = cause;
        mc->fault_addr = a;
    }
    return p;
}

int sys_phys_init(sys_machine *mc)
{
    uint64_t size = mc->opt.ram_size;
    void *ram = mmap(NULL, size, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    void *rom = mmap(NULL, SYS_ROM_SIZE, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    mc->code_mark = calloc(size >> EMU_PAGE_SHIFT, 1);
    if (ram == MAP_FAILED || rom == MAP_FAILED || !mc->code_mark) {
        if (ram != MAP_FAILED)
            munmap(ram, size);
        if (rom != MAP_FAILED)
            munmap(rom, SYS_ROM_SIZE);
        free(mc->code_mark);
        mc->code_mark = NULL;
        return -1;
    }
    mc->ram = ram;
    mc->rom = rom;
    mc->as->mem.xlate = xlate;
    mc->as->mem.xlate_arg = mc;
    mc->as->mem.tlb = mc->tlb;
    mc->as->mem.xcolor = sys_code_color;
    return 0;
}

void sys_phys_free(sys_machine *mc)
{
    if (mc->ram)
        munmap(mc->ram, mc->opt.ram_size);
    if (mc->rom)
        munmap(mc->rom, SYS_ROM_SIZE);
    free(mc->code_mark);
    mc->ram = mc->rom = mc->code_mark = NULL;
}
