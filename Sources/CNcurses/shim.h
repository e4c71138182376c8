// Wide-character ncurses. NCURSES_WIDECHAR must precede curses.h (cchar_t, get_wch, ...).
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// Swift cannot import function-like macros, and in Swift 6 mode rejects the mutable globals
// (stdscr, LINES, COLS, COLORS, COLOR_PAIRS): these wrappers expose them as functions.

int wcwidth(wchar_t c);

static inline WINDOW *cn_stdscr(void) { return stdscr; }
/// newterm on stdout/stdin: unlike initscr it returns NULL instead of exiting on failure.
static inline SCREEN *cn_newterm(void) { return newterm(NULL, stdout, stdin); }
static inline const char *cn_codeset(void) { return nl_langinfo(CODESET); }
static inline int cn_height(void) { int y, x; getmaxyx(stdscr, y, x); (void)x; return y; }
static inline int cn_width(void) { int y, x; getmaxyx(stdscr, y, x); (void)y; return x; }
static inline int cn_colors(void) { return COLORS; }
static inline int cn_color_pairs(void) { return COLOR_PAIRS; }

static inline attr_t cn_a_normal(void) { return A_NORMAL; }
static inline attr_t cn_a_bold(void) { return A_BOLD; }
static inline attr_t cn_a_dim(void) { return A_DIM; }
static inline attr_t cn_a_underline(void) { return A_UNDERLINE; }
static inline attr_t cn_a_reverse(void) { return A_REVERSE; }
static inline attr_t cn_a_italic(void) { return A_ITALIC; }
static inline int cn_color_pair(int n) { return (int)COLOR_PAIR(n); }

static inline int cn_key_f(int n) { return KEY_F(n); }

static inline int cn_keypad(bool on) { return keypad(stdscr, on); }
static inline int cn_timeout(int ms) { wtimeout(stdscr, ms); return OK; }

/// Reads one key: returns OK (a character in *out), KEY_CODE_YES (a key code in *out) or ERR.
static inline int cn_get_wch(unsigned int *out) {
    wint_t ch = 0;
    int rc = wget_wch(stdscr, &ch);
    *out = (unsigned int)ch;
    return rc;
}

/// Draws one grapheme (up to CCHARW_MAX-1 code points, NUL-terminated in `text`) at (y, x).
static inline int cn_put_cell(int y, int x, const wchar_t *text, attr_t attrs, short pair) {
    cchar_t cc;
    if (setcchar(&cc, text, attrs, pair, NULL) == ERR) return ERR;
    return mvwadd_wch(stdscr, y, x, &cc);
}

static inline int cn_ccharw_max(void) { return CCHARW_MAX; }
