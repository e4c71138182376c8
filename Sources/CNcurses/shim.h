// Wide-character ncurses. NCURSES_WIDECHAR must precede curses.h (cchar_t, get_wch, ...).
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>
