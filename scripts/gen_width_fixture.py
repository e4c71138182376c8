#!/usr/bin/env python3
"""Writes Tests/CanvasTests/WidthFixture.swift: a corpus of ~200 strings and the display width the
Python `wcwidth` package (wcswidth, grapheme-aware since 0.3) gives each, as JSON embedded in a Swift
raw string (the CanvasTests target declares no resources, so the fixture lives in a source file).
Run: python3 scripts/gen_width_fixture.py"""
import json, os, unicodedata
import wcwidth

corpus = []
def add(*items):
    corpus.extend(items)

# ASCII and Latin
add('hello', 'Hello, world!', 'a b c', '~`!@#$%^&*()_+', '0123456789', 'café', 'naïve', 'Ærøskøbing', 'ß', 'ÿ')
# Combining marks (precomposed vs decomposed), stacked marks, enclosing mark
add('e\u0301', 'cafe\u0301', 'a\u0300\u0301\u0302', 'n\u0303o', 'Z\u0351\u0352\u0353', 'o\u0308', '1\u20DD', 'x\u0336y\u0336')
# Ambiguous-width (counted as 1)
add('\u00b7', '\u00b1', '\u00d7', '\u2460', '\u2500\u2502\u250c', '\u25a0\u25cb', '\u03b1\u03b2\u03b3', '\u0416\u0438\u0437\u043d\u044c',
    '\u2018quoted\u2019', '\u2026', '\u00a7', '\u2192\u2190', '\u221e', '\u2605', '\u00ae\u00a9')
# CJK ideographs, punctuation, extension B
add('\u4e2d\u6587', '\u6f22\u5b57', '\u65e5\u672c\u8a9e', '\u4f60\u597d\uff0c\u4e16\u754c', '\u3002\u3001', '\u300c\u5f15\u7528\u300d',
    '\U00020000', '\U0002A6D6', '\u4e00', '\u9fa5', '\u3000', 'abc\u4e2d\u6587def', '\u2e80', '\u2f00', '\u3400\u4db5')
# Hiragana, Katakana, halfwidth Katakana
add('\u3072\u3089\u304c\u306a', '\u30ab\u30bf\u30ab\u30ca', '\u30fc', '\uff76\uff80\uff76\uff85', '\u30d1\u30bd\u30b3\u30f3', '\u304b\u3099')
# Hangul: syllables, conjoining jamo sequences
add('\ud55c\uad6d\uc5b4', '\uac00', '\ud7a3', '\u1100\u1161', '\u1100\u1161\u11a8', '\u3131\u314f', '\uc548\ub155\ud558\uc138\uc694')
# Fullwidth forms
add('\uff21\uff22\uff23', '\uff10\uff11\uff12', '\uff01\uff1f', '\uffe5', '\uff0d')
# Emoji with default emoji presentation
add('\U0001F600', '\U0001F44D', '\U0001F680', '\U0001F389', '\U0001F4A9', '\u231a', '\u23f0', '\u2614', '\u26a1', '\u2705',
    '\u274c', '\u2b50', '\U0001F9D1', '\U0001FAE0', '\U0001F004', 'ok \U0001F44C ok')
# Text-presentation symbols alone and with VS16 / VS15
add('\u2764', '\u2764\ufe0f', '\u263a', '\u263a\ufe0f', '\u2600\ufe0f', '\u2601\ufe0f', '\u270f\ufe0f', '\u2708\ufe0f', '\u00a9\ufe0f',
    '\u231a\ufe0e', '\u2b06\ufe0f')
# Skin tones, ZWJ sequences, flags, keycaps, tag sequences
add('\U0001F44D\U0001F3FD', '\U0001F44B\U0001F3FB', '\U0001F468\u200d\U0001F469\u200d\U0001F467',
    '\U0001F468\u200d\U0001F469\u200d\U0001F467\u200d\U0001F466', '\U0001F469\u200d\U0001F4BB', '\U0001F3F3\ufe0f\u200d\U0001F308',
    '\U0001F441\ufe0f\u200d\U0001F5E8\ufe0f', '\U0001F468\U0001F3FD\u200d\U0001F692', '\U0001F1FA\U0001F1F8', '\U0001F1EF\U0001F1F5',
    '\U0001F1E9\U0001F1EA\U0001F1EB\U0001F1F7', '#\ufe0f\u20e3', '1\ufe0f\u20e3', '*\ufe0f\u20e3',
    '\U0001F3F4\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F', 'flag \U0001F1E8\U0001F1E6!')
# Zero-width format characters (width 0 on their own)
add('\u200b', 'a\u200bb', '\u2060', '\ufeff', 'x\u200cy')
# Other scripts
add('\u0e20\u0e32\u0e29\u0e32\u0e44\u0e17\u0e22', '\u0e01\u0e33', '\u0939\u093f\u0928\u094d\u0926\u0940', '\u0915\u094d\u0937',
    '\u0627\u0644\u0639\u0631\u0628\u064a\u0629', '\u05e2\u05d1\u05e8\u05d9\u05ea', '\u05e9\u05b8\u05c1', '\u10d0\u10d1\u10d2',
    '\u0531\u0532', '\u1200\u1201', '\u13a0\u13a1', '\u0f00', '\u1780\u17b6')
# Symbols and punctuation
add('\u2022 item', '\u2014', '\u20ac100', '\u2122', '\u2713', '\u2717', '\u25b6', '\u2591\u2592\u2593\u2588', '\u2190\u2191\u2192\u2193',
    '\u2261', '\u221a2', '\u00bd', '\u2074', '\u2603', '\u266b')
# Mixed sentences
add('Price: \u20ac5 (\u00a55)', '\u6771\u4eac is Tokyo', 'mix \u4e2d a \U0001F600 b e\u0301',
    'Stra\u00dfe \u2192 \u30b9\u30c8\u30e9\u30fc\u30bb', '\U0001F468\u200d\U0001F469\u200d\U0001F467 family', '\uff21BC\u4e2d\u6587123',
    '\ud55c\uae00 and \u0939\u093f\u0928\u094d\u0926\u0940', 'tab-free line with \u2500\u2500 rules \u2500\u2500')

# Fill to ~200 with single code points sampled across the wide/narrow boundary blocks.
for cp in [0x1100, 0x115F, 0x1160, 0x2329, 0x232A, 0x2E9A, 0x2E9B, 0x303E, 0x303F, 0x3041, 0x3097, 0x3099, 0x309B, 0x3105,
           0x3190, 0x31F0, 0x3200, 0x3250, 0x3300, 0x4DC0, 0xA000, 0xA4D0, 0xA960, 0xA97C, 0xAC00, 0xD7A3, 0xD7B0,
           0xF900, 0xFAFF, 0xFE10, 0xFE19, 0xFE30, 0xFE4F, 0xFE50, 0xFE6B, 0xFF01, 0xFF60, 0xFF61, 0xFFE0, 0xFFE6, 0xFFE8,
           0x16FE0, 0x17000, 0x1B000, 0x1F004, 0x1F0CF, 0x1F18E, 0x1F191, 0x1F200, 0x1F300, 0x1F320, 0x1F321, 0x1F32D,
           0x1F37E, 0x1F3F4, 0x1F3F8, 0x1F400, 0x1F43E, 0x1F440, 0x1F441, 0x1F4FF, 0x1F54B, 0x1F57A, 0x1F5A4, 0x1F5FB,
           0x1F680, 0x1F6CC, 0x1F6D0, 0x1F90C, 0x1F93C, 0x1F9FF, 0x1FA70, 0x1FAF8, 0x20000, 0x2FFFD, 0x30000, 0x3FFFD]:
    ch = chr(cp)
    if unicodedata.category(ch) != 'Cn':
        add(ch)

seen, rows = set(), []
for s in corpus:
    if s in seen:
        continue
    seen.add(s)
    w = wcwidth.wcswidth(s)
    assert w >= 0, repr(s)
    rows.append({'text': s, 'width': w, 'codepoints': ' '.join('U+%04X' % ord(c) for c in s)})

doc = {'generator': 'scripts/gen_width_fixture.py', 'wcwidth': wcwidth.__version__, 'cases': rows}
text = json.dumps(doc, ensure_ascii=True, indent=1)
out = os.path.join(os.path.dirname(__file__), '..', 'Tests', 'CanvasTests', 'WidthFixture.swift')
with open(out, 'w') as f:
    f.write('// Generated by scripts/gen_width_fixture.py (wcwidth %s). Do not edit by hand.\n\n' % wcwidth.__version__)
    f.write('/// Display widths from Python wcwidth for a corpus of strings, as JSON.\n')
    f.write('let widthFixtureJSON = #"""\n%s\n"""#\n' % text)
print('wrote %d cases to %s' % (len(rows), out))
