/*
 * uart.c - UART0 of glyph-virt: the ns16550a subset a kernel's console
 * driver uses (byte registers, reg-shift 0).  THR goes to standard
 * output; RBR is fed from standard input, polled without blocking at the
 * run loop's stops and waited for by wfi.  The interrupt line (pin 0)
 * is high while received data waits with IER.ERBFI set, or while
 * IER.ETBEI is set (the transmitter is always empty).
 */
#include <poll.h>
#include <unistd.h>

#include "system/machine.h"

enum { RBR = 0, IER = 1, IIR = 2, LCR = 3, MCR = 4, LSR = 5, MSR = 6, SCR = 7 };
enum { IER_ERBFI = 1, IER_ETBEI = 2, LCR_DLAB = 0x80,
       LSR_DR = 0x01, LSR_THRE = 0x20, LSR_TEMT = 0x40 };

void sys_uart_init(sys_uart *u, int in_fd, FILE *out)
{
    *u = (sys_uart){0};
    u->in_fd = in_fd;
    u->rx_eof = in_fd < 0;
    u->out = out;
}

uint8_t sys_uart_read(sys_uart *u, unsigned reg)
{
    int dlab = u->lcr & LCR_DLAB;
    switch (reg) {
    case RBR:
        if (dlab)
            return u->dll;
        if (u->rx_valid) {
            u->rx_valid = 0;
            sys_uart_poll(u, 0);
            return u->rbr;
        }
        return 0;
    case IER: return dlab ? u->dlm : u->ier;
    case IIR:
        if ((u->ier & IER_ERBFI) && u->rx_valid)
            return 0x04; /* received data available */
        if (u->ier & IER_ETBEI)
            return 0x02; /* transmitter holding register empty */
        return 0x01;     /* no interrupt pending */
    case LCR: return u->lcr;
    case MCR: return u->mcr;
    case LSR: return (uint8_t)((u->rx_valid ? LSR_DR : 0) | LSR_THRE | LSR_TEMT);
    case MSR: return 0xb0; /* CTS, DSR, DCD */
    case SCR: return u->scr;
    }
    return 0;
}

void sys_uart_write(sys_uart *u, unsigned reg, uint8_t v)
{
    int dlab = u->lcr & LCR_DLAB;
    switch (reg) {
    case RBR:
        if (dlab) {
            u->dll = v;
        } else {
            fputc(v, u->out);
            fflush(u->out);
        }
        break;
    case IER:
        if (dlab)
            u->dlm = v;
        else
            u->ier = v & 0x0f;
        break;
    case LCR: u->lcr = v; break;
    case MCR: u->mcr = v & 0x1f; break;
    case SCR: u->scr = v; break;
    }
}

void sys_uart_poll(sys_uart *u, int wait_ms)
{
    if (u->rx_valid || u->rx_eof)
        return;
    struct pollfd p = {u->in_fd, POLLIN, 0};
    if (poll(&p, 1, wait_ms) <= 0 || !p.revents)
        return;
    uint8_t c;
    if (read(u->in_fd, &c, 1) == 1) {
        u->rbr = c;
        u->rx_valid = 1;
    } else {
        u->rx_eof = 1;
    }
}

int sys_uart_irq(const sys_uart *u)
{
    return ((u->ier & IER_ERBFI) && u->rx_valid) || (u->ier & IER_ETBEI);
}
