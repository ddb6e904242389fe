#!/usr/bin/env python3
"""Generate Sharq API codecs from Kafka's message JSON (4.4.0 release text).

Usage:
  KAFKA_MESSAGES_DIR=<kafka>/clients/src/main/resources/common/message python3 gen.py <repo-root>
      writes packages/core/src/protocol/apis/<api>/{types,index,vN}.ts and
      packages/core/test/protocol/apis/<api>.test.ts for the APIs in APIS.
  GOLDEN=1 ... python3 gen.py <repo-root>
      also writes /tmp/golden/samples.jsonl, the input of test/protocol/apis/golden/Golden.java.
"""
import json
import os
import re
import sys

MSG_DIR = os.environ.get('KAFKA_MESSAGES_DIR', '/tmp/kafka-messages/common/message')

# (json base name, kebab folder, versions, note)
APIS = [
    ('ShareGroupHeartbeat', 'share-group-heartbeat', [1]),
    ('ShareGroupDescribe', 'share-group-describe', [1]),
    ('ShareFetch', 'share-fetch', [1, 2]),
    ('ShareAcknowledge', 'share-acknowledge', [1, 2]),
    ('DescribeShareGroupOffsets', 'describe-share-group-offsets', [0, 1]),
    ('AlterShareGroupOffsets', 'alter-share-group-offsets', [0]),
    ('DeleteShareGroupOffsets', 'delete-share-group-offsets', [0]),
    ('IncrementalAlterConfigs', 'incremental-alter-configs', [1]),
    ('DescribeConfigs', 'describe-configs', [4]),
    ('ListGroups', 'list-groups', [5]),
    ('Fetch', 'fetch', [13, 18]),
    ('ListOffsets', 'list-offsets', [7, 11]),
]

# Families whose versions share one hand-written, version-aware grammar.ts (thin v<N>.ts bind the version):
# gen.py still writes their types.ts and golden samples, but not their codecs, index.ts or tests.
HAND_FACTORED = {'ShareFetch', 'ShareAcknowledge', 'DescribeShareGroupOffsets', 'Fetch', 'ListOffsets'}


def load(name):
    text = open(os.path.join(MSG_DIR, name + '.json')).read()
    text = re.sub(r'^\s*//.*$', '', text, flags=re.M)
    return json.loads(text)


def parse_versions(s):
    if s is None or s == 'none':
        return (1, 0)  # empty
    if s.endswith('+'):
        return (int(s[:-1]), 10**6)
    if '-' in s:
        a, b = s.split('-')
        return (int(a), int(b))
    return (int(s), int(s))


def in_range(v, rng):
    return rng[0] <= v <= rng[1]


def camel(n):
    return n[0].lower() + n[1:]


def snake(n):
    return re.sub(r'(?<!^)(?=[A-Z])', '_', n).lower()


PRIMS = {'bool', 'int8', 'int16', 'int32', 'int64', 'uint16', 'float64', 'string', 'bytes', 'records', 'uuid'}


class Field:
    def __init__(self, d, structs):
        self.name = d['name']
        self.prop = camel(self.name)
        self.type = d['type']
        self.versions = parse_versions(d.get('versions'))
        self.nullable = parse_versions(d.get('nullableVersions'))
        self.tagged = parse_versions(d.get('taggedVersions'))
        self.tag = d.get('tag')
        self.default = d.get('default')
        self.about = d.get('about', '')
        self.is_array = self.type.startswith('[]')
        self.elem = self.type[2:] if self.is_array else self.type
        self.struct = None
        if self.elem not in PRIMS:
            fields = d.get('fields')
            if fields is not None:
                self.struct = Struct(self.elem, fields, structs)
                structs.setdefault(self.elem, self.struct)
            else:
                self.struct = structs.get(self.elem)  # common struct, resolved later
                self.struct_name = self.elem

    def present(self, v):
        return in_range(v, self.versions)

    def is_nullable(self, v):
        return in_range(v, self.nullable)

    def is_tagged(self, v):
        return in_range(v, self.tagged)


class Struct:
    def __init__(self, name, fields, structs):
        self.name = name
        self.fields = [Field(f, structs) for f in fields]
        self.ts = None


class Api:
    def __init__(self, base, folder, versions):
        self.base = base
        self.folder = folder
        self.versions = versions
        self.camel = camel(base)
        self.req = load(base + 'Request')
        self.res = load(base + 'Response')
        self.api_key = self.req['apiKey']
        self.flex = parse_versions(self.req['flexibleVersions'])
        valid = parse_versions(self.req['validVersions'])
        for v in versions:
            assert in_range(v, valid), (base, v)
        self.req_structs = {}
        self.res_structs = {}
        self.req_root = self.build(self.req, self.req_structs, base + 'Request')
        self.res_root = self.build(self.res, self.res_structs, base + 'Response')
        self.name_structs()
        self.reach = {}
        for root in (self.req_root, self.res_root):
            for v in versions:
                self.mark(root, v)

    def mark(self, s, v):
        self.reach.setdefault(id(s), set()).add(v)
        for f in s.fields:
            if f.present(v) and f.struct is not None:
                self.mark(f.struct, v)

    def struct_versions(self, s):
        return sorted(self.reach.get(id(s), set(self.versions)))

    def build(self, msg, structs, rootname):
        for cs in msg.get('commonStructs', []):
            structs[cs['name']] = Struct(cs['name'], cs['fields'], structs)
        root = Struct(rootname, msg['fields'], structs)
        # resolve common struct refs
        def resolve(s):
            for f in s.fields:
                if f.elem not in PRIMS and f.struct is None:
                    f.struct = structs[f.elem]
                if f.struct is not None:
                    resolve(f.struct)
        resolve(root)
        for s in list(structs.values()):
            resolve(s)
        root.ts = rootname
        return root

    def name_structs(self):
        req_names = set(self.req_structs)
        res_names = set(self.res_structs)
        for side, structs in (('Request', self.req_structs), ('Response', self.res_structs)):
            other = res_names if side == 'Request' else req_names
            for n, s in structs.items():
                base = n if n.startswith(self.base) else self.base + n
                if n in other:
                    base = self.base + side + n
                s.ts = base

    def flexible(self, v):
        return in_range(v, self.flex)

    def used(self, f):
        return any(f.present(v) for v in self.versions)

    def always(self, f):
        return all(f.present(v) for v in self.versions)


# ---------------------------------------------------------------- types.ts

def ts_elem_type(f):
    if f.struct is not None:
        return f.struct.ts
    return {'bool': 'boolean', 'int8': 'number', 'int16': 'number', 'int32': 'number', 'int64': 'number',
            'uint16': 'number', 'float64': 'number', 'string': 'string', 'bytes': 'Buffer', 'records': 'Buffer',
            'uuid': 'string'}[f.elem]


def any_nullable(api, f):
    return any(f.present(v) and f.is_nullable(v) for v in api.versions)


def ts_type(api, f):
    t = ts_elem_type(f)
    if f.is_array:
        t = t + '[]'
    if any_nullable(api, f):
        t = t + ' | null'
    return t


def optional(api, f, s=None):
    vs = api.struct_versions(s) if s is not None else api.versions
    return (not all(f.present(v) for v in vs)) or any(f.is_tagged(v) for v in vs if f.present(v))


def wrap_about(text, indent):
    return f'{indent}/** {text} */'


def gen_types(api):
    out = [f'/**\n * {api.base} (key {api.api_key}) request/response shapes, shared by versions '
           f'{", ".join("v" + str(v) for v in api.versions)}.\n'
           ' * Generated from the Kafka 4.4.0 message JSON; field names are the JSON names in camelCase.\n'
           ' * A field missing from some of those versions (or tagged) is optional: encoders of versions without it\n'
           ' * ignore it, decoders of those versions leave it out. int64 fields are JS numbers (exact below 2^53).\n */\n']
    for root, structs in ((api.req_root, api.req_structs), (api.res_root, api.res_structs)):
        emitted = set()
        def emit(s):
            if s.ts in emitted:
                return
            emitted.add(s.ts)
            for f in s.fields:
                if f.struct is not None and api.used(f):
                    emit(f.struct)
            lines = [f'export interface {s.ts} {{']
            for f in s.fields:
                if not api.used(f):
                    continue
                about = f.about
                svs = api.struct_versions(s)
                vs = [v for v in svs if f.present(v)]
                if not vs:
                    continue
                if not all(f.present(v) for v in svs):
                    # The schema's own range (clipped to what we implement): with gaps in the implemented
                    # versions (Fetch v13, v18) the first implemented version would misdate the field.
                    lo, hi = max(f.versions[0], svs[0]), f.versions[1]
                    about += f' (v{lo}+)' if hi >= svs[-1] else f' (v{lo}-v{hi})'
                lines.append(wrap_about(about.replace('*/', '* /'), '  '))
                lines.append(f'  {f.prop}{"?" if optional(api, f, s) else ""}: {ts_type(api, f)};')
            lines.append('}\n')
            out.append('\n'.join(lines))
        emit(root)
    return '\n'.join(out)


# ---------------------------------------------------------------- grammar

def wire_type(api, f, v):
    flex = api.flexible(v)
    nul = f.is_nullable(v)
    e = f.elem
    if f.struct is not None:
        base = f.struct.name
    elif e == 'string':
        base = ('COMPACT_' if flex else '') + ('NULLABLE_STRING' if nul and not f.is_array else 'STRING')
    elif e in ('bytes',):
        base = ('COMPACT_' if flex else '') + ('NULLABLE_BYTES' if nul and not f.is_array else 'BYTES')
    elif e == 'records':
        base = ('COMPACT_' if flex else '') + ('NULLABLE_RECORDS' if nul else 'RECORDS')
    else:
        base = e.upper()
    if f.is_array:
        return f'{"COMPACT_" if flex else ""}{"NULLABLE_" if nul else ""}ARRAY<{base if f.struct is None else f.struct.name}>'
    return base


def grammar(api, root, v, title):
    flex = api.flexible(v)
    lines = []
    seen = set()

    def line_for(s, name, depth):
        parts = []
        for f in s.fields:
            if not f.present(v) or (flex and f.is_tagged(v)):
                continue
            parts.append(f'[{f.name}]' if f.is_array and f.struct is not None else f.name)
        tagged = [f for f in s.fields if f.present(v) and flex and f.is_tagged(v)]
        if flex:
            parts.append('TAG_BUFFER')
        lines.append('  ' * depth + f'{name} => ' + ' '.join(parts))
        for f in s.fields:
            if not f.present(v) or (flex and f.is_tagged(v)):
                continue
            if f.struct is not None:
                extra = ' (nullable: INT8 -1 | 1 then struct)' if f.is_nullable(v) and not f.is_array else ''
                if f.is_array:
                    extra = f' ({wire_type(api, f, v)})'
                if (f.struct.name, depth) in seen:
                    lines.append('  ' * (depth + 1) + f'{f.name} => {f.struct.name}{extra}')
                else:
                    sub_start = len(lines)
                    line_for(f.struct, f.name, depth + 1)
                    if extra:
                        lines[sub_start] = lines[sub_start] + extra
            else:
                lines.append('  ' * (depth + 1) + f'{f.name} => {wire_type(api, f, v)}')
        for f in tagged:
            label = f'{f.name} (tag {f.tag})'
            if f.struct is not None and not f.is_array:
                line_for(f.struct, label, depth + 1)
            elif f.struct is not None:
                start = len(lines)
                line_for(f.struct, label, depth + 1)
                lines[start] += f' ({wire_type(api, f, v)})'
            else:
                lines.append('  ' * (depth + 1) + f'{label} => {wire_type(api, f, v)}')

    line_for(root, title, 0)
    return lines


# ---------------------------------------------------------------- codec

def default_literal(api, f, v):
    d = f.default
    if f.is_array:
        return 'null' if f.is_nullable(v) and d == 'null' else '[]'
    if f.struct is not None:
        if f.is_nullable(v):
            return 'null'
        raise Exception(f'no default for struct field {f.name} in {api.base}')
    if d is not None:
        if d == 'null':
            return 'null'
        if f.elem == 'bool':
            return 'true' if d == 'true' else 'false'
        if f.elem == 'string':
            return json.dumps(d).replace('"', "'")
        if f.elem in ('int8', 'int16', 'int32', 'int64', 'uint16'):
            n = int(str(d), 0)
            return str(n)
        if f.elem == 'float64':
            return d
    return {'bool': 'false', 'int8': '0', 'int16': '0', 'int32': '0', 'int64': '0', 'uint16': '0',
            'float64': '0', 'string': "''", 'bytes': 'EMPTY_BUFFER', 'records': 'EMPTY_BUFFER',
            'uuid': "ZERO_UUID"}[f.elem]


def item_fns(f, flex, nullable_elem=False):
    """writer/reader function names for array elements."""
    if f.struct is not None:
        return f'write{f.struct.ts}', f'read{f.struct.ts}'
    suffix = {'int8': 'Int8', 'int16': 'Int16', 'int32': 'Int32', 'int64': 'Int64', 'uuid': 'Uuid',
              'string': 'CompactString' if flex else 'String', 'bool': 'Bool', 'uint16': 'UInt16'}[f.elem]
    return f'write{suffix}Item', f'read{suffix}Item'


def write_value(api, f, v, expr, helpers):
    flex = api.flexible(v)
    nul = f.is_nullable(v)
    e = f.elem
    if f.is_array:
        wfn, _ = item_fns(f, flex)
        if f.struct is None:
            helpers.add(wfn)
        val = expr
        if not nul and any_nullable(api, f):
            val = f"required({expr}, '{f.name}')"
            helpers.add('required')
        return f'w.{"compactArray" if flex else "array"}({val}, {wfn});'
    if f.struct is not None:
        if nul:
            return (f'if ({expr} === null) w.int8(-1);\n'
                    f'    else {{\n      w.int8(1);\n      write{f.struct.ts}(w, {expr});\n    }}')
        val = expr
        if any_nullable(api, f):
            val = f"required({expr}, '{f.name}')"
            helpers.add('required')
        return f'write{f.struct.ts}(w, {val});'
    if not nul and any_nullable(api, f):
        expr = f"required({expr}, '{f.name}')"
        helpers.add('required')
    if e == 'string':
        if flex:
            return f'w.{"compactNullableString" if nul else "compactString"}({expr});'
        return f'w.string({expr});'
    if e in ('bytes', 'records'):
        if flex:
            return f'w.{"compactNullableBytes" if nul else "compactBytes"}({expr});'
        return f'w.bytes({expr});'
    return {'bool': 'w.bool', 'int8': 'w.int8', 'int16': 'w.int16', 'int32': 'w.int32', 'int64': 'w.int64',
            'uint16': 'w.uint16', 'float64': 'w.float64', 'uuid': 'w.uuid'}[e] + f'({expr});'


def read_value(api, f, v, rd, helpers):
    flex = api.flexible(v)
    nul = f.is_nullable(v)
    e = f.elem
    if f.is_array:
        _, rfn = item_fns(f, flex)
        if f.struct is None:
            helpers.add(rfn)
        if flex:
            return f'{rd}.{"readCompactNullableArray" if nul else "readCompactArray"}({rfn})'
        return f'{rd}.{"readNullableArray" if nul else "readArray"}({rfn})'
    if f.struct is not None:
        if nul:
            return f'{rd}.readInt8() < 0 ? null : read{f.struct.ts}({rd})'
        return f'read{f.struct.ts}({rd})'
    if e == 'string':
        if flex:
            return f'{rd}.{"readCompactNullableString" if nul else "readCompactString"}()'
        return f'{rd}.{"readNullableString" if nul else "readString"}()'
    if e in ('bytes', 'records'):
        if flex:
            return f'{rd}.{"readCompactNullableBytes" if nul else "readCompactBytes"}()'
        return f'{rd}.{"readNullableBytes" if nul else "readBytes"}()'
    return rd + '.' + {'bool': 'readBool', 'int8': 'readInt8', 'int16': 'readInt16', 'int32': 'readInt32',
                       'int64': 'readInt64', 'uint16': 'readUInt16', 'float64': 'readFloat64',
                       'uuid': 'readUuid'}[e] + '()'


def collect_structs(root, v):
    order = []
    seen = set()

    def walk(s):
        for f in s.fields:
            if f.present(v) and f.struct is not None:
                walk(f.struct)
        if s.ts not in seen:
            seen.add(s.ts)
            order.append(s)
    walk(root)
    return order


def gen_struct_fns(api, s, v, helpers, consts):
    flex = api.flexible(v)
    fields = [f for f in s.fields if f.present(v)]
    regular = [f for f in fields if not (flex and f.is_tagged(v))]
    tagged = [f for f in fields if flex and f.is_tagged(v)]
    var = 's'
    # writer
    wl = [f'function write{s.ts}(w: Writer, {var}: {s.ts}): void {{']
    for f in regular:
        expr = f'{var}.{f.prop}'
        if optional(api, f, s):
            d = default_literal(api, f, v)
            if d in ('EMPTY_BUFFER', 'ZERO_UUID'):
                consts.add(d)
            expr = f'({expr} ?? {d})'
        wl.append('  ' + write_value(api, f, v, expr, helpers))
    if flex:
        if tagged:
            helpers.add('TaggedField')
            wl.append('  const tags: TaggedField[] = [];')
            for f in tagged:
                sub = write_value(api, f, v, f'{var}.{f.prop}', helpers).replace('w.', 'tw.').replace('(w,', '(tw,')
                wl.append(f'  if ({var}.{f.prop} !== undefined) {{')
                wl.append('    const tw = new Writer(32);')
                wl.append('    ' + sub)
                wl.append(f'    tags.push({{ tag: {f.tag}, data: tw.toBuffer() }});')
                wl.append('  }')
            wl.append('  w.taggedFields(tags);')
        else:
            wl.append('  w.taggedFields();')
    wl.append('}')
    # reader
    rl = [f'function read{s.ts}(r: Reader): {s.ts} {{']
    for f in regular:
        rl.append(f'  const {f.prop} = {read_value(api, f, v, "r", helpers)};')
    if flex:
        if tagged:
            for f in tagged:
                rl.append(f'  let {f.prop}: {ts_type(api, f)} | undefined;')
            rl.append('  r.readTaggedFields((tag, t) => {')
            for f in tagged:
                rl.append(f'    if (tag === {f.tag}) {f.prop} = {read_value(api, f, v, "t", helpers)};')
            rl.append('  });')
        else:
            rl.append('  r.readTaggedFields();')
    props = [f.prop for f in regular]
    if tagged:
        rl.append(f'  const out: {s.ts} = {{ {", ".join(props)} }};')
        for f in tagged:
            rl.append(f'  if ({f.prop} !== undefined) out.{f.prop} = {f.prop};')
        rl.append('  return out;')
    else:
        rl.append(f'  return {{ {", ".join(props)} }};')
    rl.append('}')
    return '\n'.join(wl) + '\n\n' + '\n'.join(rl)


def gen_version(api, v):
    helpers = set()
    consts = set()
    flex = api.flexible(v)
    g_req = grammar(api, api.req_root, v, f'{api.base}Request (Version: {v})')
    g_res = grammar(api, api.res_root, v, f'{api.base}Response (Version: {v})')
    fns = []
    seen = set()
    for root in (api.req_root, api.res_root):
        for s in collect_structs(root, v):
            if s.ts in seen:
                continue
            seen.add(s.ts)
            fns.append(gen_struct_fns(api, s, v, helpers, consts))
    types = sorted({s for s in seen})
    item_helpers = sorted(h for h in helpers if h.endswith('Item') or h == 'required')
    head = ['/**', f' * {api.base} v{v}{" (flexible)" if flex else ""}, generated from the Kafka 4.4.0 message JSON.', ' *']
    head += [' *   ' + l for l in g_req]
    head.append(' *')
    head += [' *   ' + l for l in g_res]
    head.append(' */')
    imports = ["import type { ApiCodec } from '../../api.js';", "import type { Reader } from '../../reader.js';"]
    if 'TaggedField' in helpers:
        imports.append("import { type TaggedField, Writer } from '../../writer.js';")
    else:
        imports.append("import type { Writer } from '../../writer.js';")
    if item_helpers or consts:
        imports.append('import { ' + ', '.join(sorted(item_helpers + sorted(consts))) + " } from '../items.js';")
    imports.append('import type {\n' + ''.join(f'  {t},\n' for t in types) + "} from './types.js';")
    codec = (f"export const {api.camel}V{v}: ApiCodec<{api.req_root.ts}, {api.res_root.ts}> = {{\n"
             f"  name: '{api.base}',\n  apiKey: {api.api_key},\n  version: {v},\n  flexible: {'true' if flex else 'false'},\n"
             f"  encodeRequest: write{api.req_root.ts},\n  decodeRequest: read{api.req_root.ts},\n"
             f"  encodeResponse: write{api.res_root.ts},\n  decodeResponse: read{api.res_root.ts},\n}};\n")
    return '\n'.join(head) + '\n' + '\n'.join(imports) + '\n\n' + '\n\n'.join(fns) + '\n\n' + codec


def gen_index(api):
    vs = api.versions
    lines = ["import type { ApiFamily } from '../../api.js';",
             f"import type {{ {api.req_root.ts}, {api.res_root.ts} }} from './types.js';"]
    for v in vs:
        lines.append(f"import {{ {api.camel}V{v} }} from './v{v}.js';")
    lines.append('')
    lines.append("export type * from './types.js';")
    lines.append('export { ' + ', '.join(f'{api.camel}V{v}' for v in vs) + ' };')
    lines.append('')
    lines.append(f'export const {api.camel}Api: ApiFamily<{api.req_root.ts}, {api.res_root.ts}> = {{')
    lines.append(f"  name: '{api.base}',")
    lines.append(f'  apiKey: {api.api_key},')
    lines.append('  codecs: [' + ', '.join(f'{api.camel}V{v}' for v in vs) + '],')
    lines.append('};')
    return '\n'.join(lines) + '\n'


# ---------------------------------------------------------------- test samples

class Sampler:
    def __init__(self):
        self.n = 0

    def next(self):
        self.n += 1
        return self.n


def sample_value(api, f, v, full, sp, depth):
    """TS literal for field f in version v. full=True: every field set, non-null, 2 elems; False: nulls/empty."""
    nul = f.is_nullable(v)
    if not full and nul:
        return 'null'
    if f.is_array:
        if not full:
            return '[]'
        if f.struct is not None:
            return '[' + ', '.join(sample_struct(api, f.struct, v, full and k == 0, sp, depth + 1) for k in range(2)) + ']'
        return '[' + ', '.join(sample_prim(f.elem, sp) for _ in range(2)) + ']'
    if f.struct is not None:
        return sample_struct(api, f.struct, v, full, sp, depth + 1)
    return sample_prim(f.elem, sp)


def sample_prim(e, sp):
    n = sp.next()
    if e == 'bool':
        return 'true' if n % 2 else 'false'
    if e == 'int8':
        return str(n % 100 + 1)
    if e == 'int16':
        return str(-(n * 7 % 30000) - 1)
    if e == 'int32':
        return str(n * 100_003 % 2_000_000_000 + 1)
    if e == 'uint16':
        return str(60000 + n)
    if e == 'int64':
        return str(1_700_000_000_000 * 1000 + n)  # > 2^32, < 2^53
    if e == 'float64':
        return f'{n}.25'
    if e == 'string':
        return f"'s{n}-ü'"
    if e in ('bytes', 'records'):
        return f'Buffer.from([{n % 256}, 1, 2, 3])'
    if e == 'uuid':
        return f"uuid({n})"
    raise Exception(e)


def sample_struct(api, s, v, full, sp, depth):
    flex = api.flexible(v)
    parts = []
    for f in s.fields:
        if not f.present(v):
            continue
        if flex and f.is_tagged(v) and not full:
            continue
        parts.append(f'{f.prop}: {sample_value(api, f, v, full, sp, depth)}')
    return '{ ' + ', '.join(parts) + ' }'


def gen_test(api):
    lines = [
        "import { describe, expect, it } from 'vitest';",
        f"import {{ {api.camel}Api }} from '../../../src/protocol/apis/{api.folder}/index.js';",
        f"import type {{ {api.res_root.ts} }} from '../../../src/protocol/apis/{api.folder}/types.js';",
        "import { codecOf, roundTrip, truncationsFail, uuid } from './codec-test-helpers.js';",
        '',
    ]
    body = [
        f"describe('{api.base} codecs', () => {{",
        f"  it('covers versions {', '.join(str(v) for v in api.versions)} in ascending order under key {api.api_key}', () => {{",
        f'    expect({api.camel}Api.apiKey).toBe({api.api_key});',
        f'    expect({api.camel}Api.codecs.map((c) => c.version)).toEqual([{", ".join(str(v) for v in api.versions)}]);',
        f'    for (const c of {api.camel}Api.codecs) expect(c.apiKey).toBe({api.api_key});',
        '  });',
    ]
    for v in api.versions:
        sp = Sampler()
        req_full = sample_struct(api, api.req_root, v, True, sp, 0)
        res_full = sample_struct(api, api.res_root, v, True, sp, 0)
        req_min = sample_struct(api, api.req_root, v, False, sp, 0)
        res_min = sample_struct(api, api.res_root, v, False, sp, 0)
        lines += [f'const fullResponseV{v}: {api.res_root.ts} = {res_full};', '']
        body += [
            '',
            f"  it('v{v}: round-trips fully populated request and response', () => {{",
            f'    roundTrip(codecOf({api.camel}Api, {v}), {req_full}, fullResponseV{v});',
            '  });',
            '',
            f"  it('v{v}: round-trips nulls and empty arrays', () => {{",
            f'    roundTrip(codecOf({api.camel}Api, {v}), {req_min}, {res_min});',
            '  });',
            '',
            f"  it('v{v}: every truncation of a response is a DecodeError', () => {{",
            f'    truncationsFail(codecOf({api.camel}Api, {v}), fullResponseV{v});',
            '  });',
        ]
    body.append('});')
    text = '\n'.join(lines + body) + '\n'
    if 'uuid(' not in text.split("codec-test-helpers.js';", 1)[1]:
        text = text.replace('codecOf, roundTrip, truncationsFail, uuid }', 'codecOf, roundTrip, truncationsFail }')
    return text


def main():
    root = sys.argv[1]
    src = os.path.join(root, 'packages/core/src/protocol/apis')
    test = os.path.join(root, 'packages/core/test/protocol/apis')
    only = set(sys.argv[2:])
    for base, folder, versions in APIS:
        if only and base not in only:
            continue
        api = Api(base, folder, versions)
        d = os.path.join(src, folder)
        os.makedirs(d, exist_ok=True)
        open(os.path.join(d, 'types.ts'), 'w').write(gen_types(api))
        if base in HAND_FACTORED:
            print('generated', folder, '(types only; codecs hand-factored)')
            continue
        for v in versions:
            open(os.path.join(d, f'v{v}.ts'), 'w').write(gen_version(api, v))
        open(os.path.join(d, 'index.ts'), 'w').write(gen_index(api))
        os.makedirs(test, exist_ok=True)
        open(os.path.join(test, f'{folder}.test.ts'), 'w').write(gen_test(api))
        print('generated', folder)




# ---------------------------------------------------------------- golden samples (Python values)
import base64


def py_prim(e, sp):
    n = sp.next()
    if e == 'bool':
        return bool(n % 2)
    if e == 'int8':
        return n % 100 + 1
    if e == 'int16':
        return -(n * 7 % 30000) - 1
    if e == 'int32':
        return n * 100_003 % 2_000_000_000 + 1
    if e == 'uint16':
        return 60000 + n
    if e == 'int64':
        return 1_700_000_000_000 * 1000 + n
    if e == 'float64':
        return n + 0.25
    if e == 'string':
        return f's{n}-ü'
    if e in ('bytes', 'records'):
        return {'$bytes': base64.b64encode(bytes([n % 256, 1, 2, 3])).decode()}
    if e == 'uuid':
        return base64.urlsafe_b64encode(bytes([n % 256] * 16)).decode().rstrip('=')
    raise Exception(e)


def py_value(api, f, v, full, sp):
    if not full and f.is_nullable(v):
        return None
    if f.is_array:
        if not full:
            return []
        if f.struct is not None:
            return [py_struct(api, f.struct, v, full and k == 0, sp) for k in range(2)]
        return [py_prim(f.elem, sp) for _ in range(2)]
    if f.struct is not None:
        return py_struct(api, f.struct, v, full, sp)
    return py_prim(f.elem, sp)


def py_struct(api, s, v, full, sp):
    flex = api.flexible(v)
    out = {}
    for f in s.fields:
        if not f.present(v):
            continue
        if flex and f.is_tagged(v) and not full:
            continue
        out[f.prop] = py_value(api, f, v, full, sp)
    return out


def golden():
    with open('/tmp/golden/samples.jsonl', 'w') as fh:
        for base, folder, versions in APIS:
            api = Api(base, folder, versions)
            for v in versions:
                for full in (True, False):
                    sp = Sampler()
                    for kind, root in (('request', api.req_root), ('response', api.res_root)):
                        data = py_struct(api, root, v, full, sp)
                        fh.write(json.dumps({'api': folder, 'family': api.camel + 'Api', 'cls': root.ts + 'Data',
                                             'version': v, 'kind': kind, 'full': full, 'data': data},
                                            ensure_ascii=False) + '\n')


if __name__ == '__main__':
    main()
    if os.environ.get('GOLDEN'):
        os.makedirs('/tmp/golden', exist_ok=True)
        golden()
