#include "terminal_guard.h"
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <ncursesw/curses.h>

static volatile sig_atomic_t pending_signal = 0;
static volatile sig_atomic_t curses_active = 0;
static volatile sig_atomic_t installed = 0;
static int saved_stderr = -1;
static int capture_fd = -1;

static const int quit_signals[] = { SIGINT, SIGTERM, SIGHUP };
static const int crash_signals[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP };
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
static struct sigaction old_quit[COUNT(quit_signals)];
static struct sigaction old_crash[COUNT(crash_signals)];

static void on_quit(int sig) { pending_signal = sig; }

// Only read/write/lseek/dup2/close here (async-signal-safe), plus endwin: not strictly safe,
// but it is what htop and most curses programs do, and the process is going down anyway.
void tg_restore(void) {
    int saved_errno = errno;
    if (curses_active) {
        curses_active = 0;
        endwin();
    }
    if (capture_fd >= 0 && saved_stderr >= 0) {
        dup2(saved_stderr, STDERR_FILENO);
        if (lseek(capture_fd, 0, SEEK_SET) == 0) {
            char buf[4096];
            ssize_t n;
            while ((n = read(capture_fd, buf, sizeof buf)) > 0) {
                ssize_t off = 0;
                while (off < n) {
                    ssize_t w = write(STDERR_FILENO, buf + off, (size_t)(n - off));
                    if (w <= 0) break;
                    off += w;
                }
            }
        }
        close(capture_fd);
        close(saved_stderr);
        capture_fd = -1;
        saved_stderr = -1;
    }
    errno = saved_errno;
}

static void on_crash(int sig) {
    tg_restore();
    for (size_t i = 0; i < COUNT(crash_signals); i++) {
        if (crash_signals[i] == sig) sigaction(sig, &old_crash[i], NULL);
    }
    // Blocked while this handler runs: delivered to the previous handler (the Swift runtime's
    // backtracer, or the default action) as soon as we return.
    raise(sig);
}

void tg_install(void) {
    if (installed) return;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = on_quit;
    sa.sa_flags = 0; // no SA_RESTART: get_wch must return so the run loop sees the signal
    for (size_t i = 0; i < COUNT(quit_signals); i++) sigaction(quit_signals[i], &sa, &old_quit[i]);
    sa.sa_handler = on_crash;
    for (size_t i = 0; i < COUNT(crash_signals); i++) sigaction(crash_signals[i], &sa, &old_crash[i]);
    installed = 1;
}

void tg_uninstall(void) {
    if (!installed) return;
    for (size_t i = 0; i < COUNT(quit_signals); i++) sigaction(quit_signals[i], &old_quit[i], NULL);
    for (size_t i = 0; i < COUNT(crash_signals); i++) sigaction(crash_signals[i], &old_crash[i], NULL);
    installed = 0;
}

int tg_capture_stderr(void) {
    if (capture_fd >= 0) return 0;
    FILE *tmp = tmpfile();
    if (tmp == NULL) return -1;
    int fd = dup(fileno(tmp));
    fclose(tmp);
    if (fd < 0) return -1;
    int saved = dup(STDERR_FILENO);
    if (saved < 0) { close(fd); return -1; }
    fflush(stderr);
    if (dup2(fd, STDERR_FILENO) < 0) { close(fd); close(saved); return -1; }
    capture_fd = fd;
    saved_stderr = saved;
    return 0;
}

void tg_set_active(int active) { curses_active = active ? 1 : 0; }

int tg_take_signal(void) {
    int sig = pending_signal;
    pending_signal = 0;
    return sig;
}
