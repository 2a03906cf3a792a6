"""
How tests/corpus/answers/* and tests/corpus/verify/*.js were written: each
answer is described once in answers.py (its rows as LaTeX, beside the plain
JavaScript value of each row at a concrete instance, the relation, and the
hand label of each step); this script writes the answer file and its
verification script with the right line numbers. Run: python3 tests/corpus/build.py
"""
import json, os, sys
OUT = os.path.dirname(os.path.abspath(__file__))
ANS = []

def answer(name, ext, style, items, derivation=None, over=None, unknown=None, header=None, align=False, extra=None):
    ANS.append(dict(name=name, ext=ext, style=style, items=items, derivation=derivation, over=over, unknown=unknown, header=header, align=align, extra=extra))

def P(text): return ('prose', text)
def S(lhs, ljs, rhs, rjs, label, rel='=', reljs='='): return ('start', lhs, ljs, rhs, rjs, label, rel, reljs)
def C(rhs, js, label, rel='=', reljs='='): return ('cont', rhs, js, label, rel, reljs)
def E(tex, js): return ('eqn', tex, js)
def I(tex, js, label, rel=r'\Leftrightarrow', reljs='iff'): return ('impl', tex, js, label, rel, reljs)
def B(text): return ('blank', text)

def build(a):
    lines = []
    tex = a['ext'] == 'tex'
    if tex:
        lines += [r'\documentclass{article}', r'\usepackage{amsmath}', r'\begin{document}']
    js_lines = {}
    steps = []
    labels = {}
    prev = None
    align = a.get('align')
    opened = [False]
    def disp(s):
        if align:
            if not opened[0]:
                lines.append(r'\begin{align*}'); opened[0] = True
            return s.replace(' = ', ' &= ', 1).replace(r' \Leftrightarrow ', r' &\Leftrightarrow ', 1) if not s.startswith(('=', r'\to', r'\Leftrightarrow')) else '&' + s + ''
        return rf'\[ {s} \]' if tex else f'$${s}$$'
    for it in a['items']:
        k = it[0]
        if k == 'prose':
            if lines and not tex: lines.append('')
            lines.append(it[1])
            continue
        if k == 'blank':
            lines.append(it[1]); continue
        if not tex and lines: lines.append('')
        if align and not opened[0]:
            lines.append(r'\begin{align*}'); opened[0] = True
        n = len(lines) + 1
        if k == 'start':
            _, lhs, ljs, rhs, rjs, label, rel, reljs = it
            lines.append(disp(f'{lhs} {rel} {rhs}'))
            js_lines[f'{n}L'] = ljs; js_lines[str(n)] = rjs
            if label: steps.append([f'{n}L', str(n), reljs]); labels[str(n)] = label
            prev = str(n)
        elif k == 'cont':
            _, rhs, js, label, rel, reljs = it
            lines.append(disp(f'{rel} {rhs}'))
            js_lines[str(n)] = js
            steps.append([prev, str(n), reljs]); labels[str(n)] = label
            prev = str(n)
        elif k == 'eqn':
            _, t, js = it
            lines.append(disp(t)); js_lines[str(n)] = js; prev = str(n)
        elif k == 'impl':
            _, t, js, label, rel, reljs = it
            lines.append(disp(f'{rel} {t}' if rel else t)); js_lines[str(n)] = js
            steps.append([prev, str(n), reljs]); labels[str(n)] = label; prev = str(n)
    if align:
        # every row of the align* but the last ends with a line break
        b = lines.index(r'\begin{align*}')
        for i in range(b + 1, len(lines) - 1):
            lines[i] += r' \\'
        lines.append(r'\end{align*}')
    if tex: lines.append(r'\end{document}')
    text = '\n'.join(lines) + '\n'
    fn = f"{a['name']}.{a['ext']}"
    open(os.path.join(OUT, 'answers', fn), 'w').write(text)
    eqs = any(s[2] in ('iff', 'implies') for s in steps)
    def fun(js):
        return f"(I, u) => {js}" if eqs and js_lines_is_eq(js) else f"(I) => {js}"
    body = []
    body.append(f"// {fn}: {a['style']}. Independent check of every labelled step (see lib.js); labels written by hand.")
    body.append("'use strict';")
    body.append('module.exports = {')
    body.append(f"  answer: {json.dumps(fn)},")
    if a['derivation']: body.append(f"  derivation: {json.dumps(a['derivation'])},")
    body.append(f"  style: {json.dumps(a['style'])},")
    if a['over']: body.append(f"  over: {a['over']},")
    if a['unknown']: body.append(f"  unknown: {json.dumps(a['unknown'])},")
    if a.get('extra'): body.append(f"  {a['extra']},")
    body.append('  lines: {')
    for k, js in js_lines.items():
        args = '(I, u)' if ('u' in uses(js)) else '(I)'
        body.append(f"    {json.dumps(k)}: {args} => {js},")
    body.append('  },')
    body.append(f"  steps: {json.dumps(steps)},")
    body.append(f"  labels: {json.dumps(labels)},")
    body.append('};')
    open(os.path.join(OUT, 'verify', f"{a['name']}.js"), 'w').write('\n'.join(body) + '\n')

import re
def uses(js):
    return set(re.findall(r'(?<![\w.])u(?![\w])', js))
def js_lines_is_eq(js): return 'u' in uses(js)

exec(open(os.path.join(OUT, 'answers.py')).read())
for a in ANS: build(a)
print(len(ANS), 'answers')
