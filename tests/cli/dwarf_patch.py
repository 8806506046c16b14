#!/usr/bin/env python3
"""Makes bad objects for tests/cli/errors.sh by patching a fixture object.

Usage: dwarf_patch.py OPERATION IN OUT

Works on little-endian ELF64 relocatable objects with DWARF 4 or 5 units (the
gcc fixtures of fixtures/gen). Operations:
  ref-outside   the first DW_AT_type reference (ref4) points past the unit
  ref-self      every pointer_type's DW_AT_type points at the DIE itself
                (a cycle no C program can produce)
  unknown-tag   the abbreviation of DW_TAG_base_type gets tag 0x55, which no
                DWARF version defines
  bad-form      the first attribute form in .debug_abbrev becomes 0x7f, which
                no DWARF version defines
  decl-file     every structure_type's DW_AT_decl_file becomes 63 (data1 or
                implicit_const), a file the line table does not have
  line-version  the first line table header says version 99
  shdr-offset   the section header of .debug_info points past the file end
  shstrndx      e_shstrndx names a section that does not exist
Prints what it patched on stdout.
"""
import struct
import sys

DW_AT_type = 0x49
DW_TAG_base_type = 0x24
DW_TAG_pointer_type = 0x0F
FORM_ref4 = 0x13


def uleb(data, pos):
    value = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, pos


def sleb(data, pos):
    value = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            if byte & 0x40:
                value -= 1 << shift
            return value, pos


def sections(data):
    assert data[:4] == b"\x7fELF" and data[4] == 2 and data[5] == 1, "ELF64 LE only"
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x3A)
    headers = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize) for i in range(shnum)]
    stroff = headers[shstrndx][4]
    out = {}
    for i, h in enumerate(headers):
        name = data[stroff + h[0]:data.index(b"\0", stroff + h[0])].decode()
        out[name] = {"index": i, "offset": h[4], "size": h[5], "header": shoff + i * shentsize}
    return out


def abbrevs(data, start):
    """{code: (tag, tag_pos, [(attr, form, form_pos, implicit)])} of one table."""
    table = {}
    pos = start
    while True:
        code, pos = uleb(data, pos)
        if code == 0:
            return table
        tag_pos = pos
        tag, pos = uleb(data, pos)
        pos += 1  # children
        attrs = []
        while True:
            attr, pos = uleb(data, pos)
            form_pos = pos
            form, pos = uleb(data, pos)
            implicit = None
            if form == 0x21:
                implicit, pos = sleb(data, pos)
            if attr == 0 and form == 0:
                break
            attrs.append((attr, form, form_pos, implicit))
        table[code] = (tag, tag_pos, attrs)


FIXED = {0x0B: 1, 0x05: 2, 0x06: 4, 0x07: 8, 0x0C: 1, 0x11: 1, 0x12: 2, 0x13: 4, 0x14: 8,
         0x0E: 4, 0x1F: 4, 0x17: 4, 0x10: 4, 0x19: 0, 0x21: 0, 0x1E: 16, 0x20: 8,
         0x25: 1, 0x26: 2, 0x27: 3, 0x28: 4, 0x29: 1, 0x2A: 2, 0x2B: 3, 0x2C: 4}


def dies(data, info, abbrev_base):
    """Yields (unit_start, die_offset, tag, [(attr, form, value_pos)]) for each DIE."""
    pos, end = info["offset"], info["offset"] + info["size"]
    while pos < end:
        unit = pos
        length, = struct.unpack_from("<I", data, pos)
        version, = struct.unpack_from("<H", data, pos + 4)
        if version >= 5:
            addr_size = data[pos + 7]
            abbrev_off, = struct.unpack_from("<I", data, pos + 8)
            p = pos + 12
        else:
            abbrev_off, = struct.unpack_from("<I", data, pos + 6)
            addr_size = data[pos + 10]
            p = pos + 11
        table = abbrevs(data, abbrev_base + abbrev_off)
        unit_end = pos + 4 + length
        while p < unit_end:
            die = p
            code, p = uleb(data, p)
            if code == 0:
                continue
            tag, _, attrs = table[code]
            values = []
            for attr, form, _, _ in attrs:
                values.append((attr, form, p))
                if form in FIXED:
                    p += FIXED[form]
                elif form == 0x01:
                    p += addr_size
                elif form in (0x0D, 0x0F, 0x15, 0x1A, 0x1B, 0x22, 0x23):
                    _, p = uleb(data, p)
                elif form in (0x18, 0x09):
                    n, p = uleb(data, p)
                    p += n
                elif form == 0x0A:
                    p += 1 + data[p]
                elif form == 0x08:
                    p = data.index(b"\0", p) + 1
                else:
                    raise SystemExit(f"form 0x{form:x} not handled")
            yield unit, die - unit, tag, values
        pos = unit_end


def main():
    op, src, dst = sys.argv[1:4]
    data = bytearray(open(src, "rb").read())
    secs = sections(data)
    info, abbrev = secs[".debug_info"], secs[".debug_abbrev"]
    if op == "ref-outside":
        for unit, die, tag, values in dies(data, info, abbrev["offset"]):
            refs = [p for a, f, p in values if a == DW_AT_type and f == FORM_ref4]
            if refs:
                struct.pack_into("<I", data, refs[0], 0x7FFFFFF0)
                print(f"DIE 0x{die:x}: DW_AT_type -> 0x7ffffff0")
                break
    elif op == "ref-self":
        n = 0
        for unit, die, tag, values in dies(data, info, abbrev["offset"]):
            for a, f, p in values:
                if tag == DW_TAG_pointer_type and a == DW_AT_type and f == FORM_ref4:
                    struct.pack_into("<I", data, p, die)
                    print(f"DIE 0x{die:x}: DW_AT_type -> itself")
                    n += 1
        assert n, "no pointer_type"
    elif op == "unknown-tag":
        table = abbrevs(data, abbrev["offset"])
        for code, (tag, tag_pos, _) in table.items():
            if tag == DW_TAG_base_type:
                data[tag_pos] = 0x55
                print(f"abbrev {code}: tag 0x24 -> 0x55")
    elif op == "bad-form":
        table = abbrevs(data, abbrev["offset"])
        code = min(table)
        form_pos = table[code][2][0][2]
        data[form_pos] = 0x7F
        print(f"abbrev {code}: first form -> 0x7f")
    elif op == "decl-file":
        n = 0
        for unit, die, tag, values in dies(data, info, abbrev["offset"]):
            for a, f, p in values:
                if tag == 0x13 and a == 0x3A and f == 0x0B:
                    data[p] = 63
                    print(f"DIE 0x{die:x}: DW_AT_decl_file -> 63")
                    n += 1
        for code, (tag, _, attrs) in abbrevs(data, abbrev["offset"]).items():
            for a, f, form_pos, implicit in attrs:
                if tag == 0x13 and a == 0x3A and f == 0x21:
                    assert data[form_pos] == 0x21 and data[form_pos + 1] < 0x40
                    data[form_pos + 1] = 63  # one-byte SLEB128
                    print(f"abbrev {code}: DW_AT_decl_file -> 63")
                    n += 1
        assert n, "no structure_type with a data1 DW_AT_decl_file"
    elif op == "line-version":
        line = secs[".debug_line"]
        struct.pack_into("<H", data, line["offset"] + 4, 99)
        print(".debug_line version -> 99")
    elif op == "shdr-offset":
        struct.pack_into("<Q", data, info["header"] + 0x18, len(data) + 4096)
        print(".debug_info sh_offset -> past the end")
    elif op == "shstrndx":
        struct.pack_into("<H", data, 0x3E, 0xFEFF)
        print("e_shstrndx -> 0xfeff")
    else:
        raise SystemExit(f"unknown operation {op}")
    open(dst, "wb").write(data)


if __name__ == "__main__":
    main()
