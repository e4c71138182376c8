#ifndef TERMINAL_GUARD_H
#define TERMINAL_GUARD_H
// Crash-safe terminal restore, in C because signal handlers must not run Swift code.

/// Installs handlers: SIGINT/SIGTERM/SIGHUP only record the signal (no SA_RESTART, so a blocked
/// read returns); crash signals restore the terminal and re-raise to the previous handler.
void tg_install(void);
/// Sends stderr to an unlinked temporary file while the screen is up (text written to the
/// alternate screen would vanish); `tg_restore` replays it. Returns 0, or -1 if it could not.
int tg_capture_stderr(void);
/// Marks curses as active, so a crash handler calls endwin().
void tg_set_active(int active);
/// Ends curses (if active), puts stderr back and replays what was captured. Idempotent.
void tg_restore(void);
/// Puts the previous signal handlers back.
void tg_uninstall(void);
/// The last quit signal received (and clears it), or 0.
int tg_take_signal(void);

#endif
