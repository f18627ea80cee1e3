"""Surface forms people really type (issue 17), for the shared PII corpus
generator: python3 ../shared/bench/pii/gen_corpus.py --plugin THIS ...

National IDs and resident certificates in lower case, with a full-width
letter, full-width digits, or both; mobiles and landlines joined by '.', '/',
en and em dashes, the hyphen U+2010, the minus sign U+2212, the Taiwanese
hyphenation point '‧' (U+2027), or written with full-width parentheses and
mixed widths. Each keeps the plain forms too, so precision is measured on
the same text.
"""

SEPARATORS = ['.', '/', '\u2013', '\u2014', '\u2010', '\u2212', '\u2027']


def _lower(g, s):
    return s.lower()


def _fw_letter(api):
    return lambda g, s: ''.join(api.fullwidth(c) if c.isalpha() else c for c in s)


def _fw_digits(api):
    return lambda g, s: ''.join(c if c.isalpha() else api.fullwidth(c) for c in s)


def _fw_all(api):
    return lambda g, s: api.fullwidth(s)


def _fw_lower(api):
    return lambda g, s: api.fullwidth(s.lower())


def _mobile_sep(g, s):
    sep = g.ch(SEPARATORS)
    return s[:4] + sep + s[4:7] + sep + s[7:]


def _mobile_intl_paren(api):
    return lambda g, s: '+886\uff080\uff09' + s[1:4] + '-' + s[4:7] + '-' + s[7:]


def _mobile_mixed(api):
    # full-width digits with an ASCII dash, as IMEs mix them
    return lambda g, s: api.fullwidth(s[:4]) + '-' + api.fullwidth(s[4:7]) + '-' + api.fullwidth(s[7:])


def _landline_sep(g, v):
    ac, sub = v
    sep = g.ch(SEPARATORS)
    if len(sub) == 8:
        return ac + sep + sub[:4] + sep + sub[4:]
    return ac + sep + sub


def apply(cfg, api):
    for kind in ('TW_NATIONAL_ID', 'TW_ARC'):
        cfg.formats[kind] = [(40, 'plain', lambda g, s: s), (15, 'lower', _lower),
                             (12, 'fw_letter', _fw_letter(api)), (12, 'fw_digits', _fw_digits(api)),
                             (12, 'fw', _fw_all(api)), (9, 'fw_lower', _fw_lower(api))]
    cfg.formats['TW_MOBILE'] = cfg.formats['TW_MOBILE'] + [
        (20, 'sep', _mobile_sep), (6, 'intl_fw_paren', _mobile_intl_paren(api)),
        (6, 'fw_mixed', _mobile_mixed(api))]
    cfg.formats['TW_LANDLINE'] = cfg.formats['TW_LANDLINE'] + [(25, 'sep', _landline_sep)]
