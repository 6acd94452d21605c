"""Resumable twins of the kernels, written from their own source: what streams run.

A kernel's loop over a row is `for r in range(rows):` — a head of assignments that start the
row's running state (`count = 0`, `s = 0.0`, ...), then the time loop (`for i in range(n):` or
`i = 0` ... `while i < n:`). Its twin `<kernel>_resume(..., resume_f, resume_i, resume_at,
resume_stop)` is the same function with four changes:

- the head is kept, then followed by a load of every loop-carried local from the row's state
  (`resume_i[r, 0]` is 1 once the row has run: a fresh, zeroed state leaves the head's values);
- the time loop starts at `resume_at` instead of 0 (the caller keeps the bars before it that a
  window reads back, x[r, i - period], in the same array);
- it ends at `resume_stop` instead of the arrays' length (`n = x.shape[1]` becomes
  `n = resume_stop`): a stream passes its whole buffers, with no slice to make per call;
- after the time loop, every loop-carried local is stored back.

So a stream feeds new bars through the batch kernel's own code, and a bar's output depends on
the kernel's state exactly as in the batch pass: no third implementation of an indicator.

The loop-carried locals are the names the row's body assigns (the head, the time loop and what it
nests), less the time index; their C types come from the kernel's `@cython.locals` in the .pxd
(integers go to `resume_i`, the rest to `resume_f`, doubles). A kernel that does not have this shape
gets no twin; one that writes outputs ahead of the bar it reads (the van Herk extrema) is named in
its family's WINDOW_REPLAY, and its family's STREAM_SUBSTITUTES name the bar loop a stream runs
instead (a monotonic deque), or, without one, a stream runs it again over its window. A local that holds a bar's index (MAXINDEX's kept bar) is
named in the family's INDEX_STATE: it is stored relative to the end of the bars done and loaded
relative to `resume_at`, as the caller's window moves along its buffer between calls. A local
that bounds a look-ahead by the arrays' end (the moments' `end = n`, where a run ends once a
block found its NaN) is set afresh on resuming, as the family's RESUME_RESET says.

setup.py writes the twins of each family at build time (fastind._kernels._resume_<family>, the
family's source and .pxd with the twins appended); the Numba loader executes the same text.
"""
import ast
import re

_INTEGER = {"Py_ssize_t", "int", "long", "size_t", "bint", "char", "short", "int64_t", "uint64_t"}
_DECL = re.compile(r"(@cython\.locals\(([^)]*)\)\s*)?(cp?def(?:\s+inline)?)\s+void\s+(\w+)\s*\(([^)]*)\)\s*noexcept\s+nogil")


def _declared(pxd_text):
    """{kernel: (locals {name: ctype}, argument text, locals text, 'cpdef'|'cdef')} of the family's
    void kernels (cpdef) and engines (cdef)."""
    result = {}
    for m in _DECL.finditer(pxd_text):
        locals_text, keyword, name, args = m.group(2) or "", m.group(3), m.group(4), m.group(5)
        pairs = (item.split("=") for item in locals_text.replace("\n", " ").split(",")
                 if item.strip())
        result[name] = ({k.strip(): v.strip() for k, v in pairs}, args, locals_text, keyword)
    return result


def _assigned(nodes):
    """Names assigned (=, +=, for targets) anywhere in the statements, in order of appearance."""
    seen = []
    for node in nodes:
        for sub in ast.walk(node):
            targets = []
            if isinstance(sub, ast.Assign):
                targets = sub.targets
            elif isinstance(sub, (ast.AugAssign, ast.AnnAssign)):
                targets = [sub.target]
            elif isinstance(sub, ast.For):
                targets = [sub.target]
            for t in targets:
                for name in _target_names(t):
                    if name not in seen:
                        seen.append(name)
    return seen


def _target_names(target):
    """The local names an assignment target binds (not those in a subscript it stores into)."""
    if isinstance(target, ast.Name):
        return [target.id]
    if isinstance(target, (ast.Tuple, ast.List)):
        return [n for t in target.elts for n in _target_names(t)]
    if isinstance(target, ast.Starred):
        return _target_names(target.value)
    return []


def _is_range_n(call):
    return (isinstance(call, ast.Call) and isinstance(call.func, ast.Name)
            and call.func.id == "range" and len(call.args) == 1
            and isinstance(call.args[0], ast.Name))


def _int_constant(node):
    """The int a node is a literal of (-1 included), or None."""
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        inner = _int_constant(node.operand)
        return None if inner is None else -inner
    if isinstance(node, ast.Constant) and type(node.value) is int:
        return node.value
    return None


def _time_loop(body):
    """(index of the time loop in the row body, its index variable, 'for'|'while', the index's
    start) or None: `for i in range(n)`, or `i = c` in the head and then `while i < n` (or
    `while i + k < n`, the index advanced at the loop's top: tsi's `i = -1`)."""
    for k, stmt in enumerate(body):
        if isinstance(stmt, ast.For) and isinstance(stmt.target, ast.Name) and _is_range_n(stmt.iter):
            return k, stmt.target.id, "for", 0, stmt.iter.args[0].id
        if (isinstance(stmt, ast.While) and isinstance(stmt.test, ast.Compare)
                and len(stmt.test.ops) == 1 and isinstance(stmt.test.ops[0], ast.Lt)):
            left = stmt.test.left
            length = stmt.test.comparators[0]
            if not isinstance(length, ast.Name):
                return None
            if (isinstance(left, ast.BinOp) and isinstance(left.op, ast.Add)
                    and _int_constant(left.right) is not None):
                left = left.left
            if not isinstance(left, ast.Name):
                return None
            index = left.id
            for prev in body[:k]:  # the index starts at a constant in the head
                if (isinstance(prev, ast.Assign) and len(prev.targets) == 1
                        and isinstance(prev.targets[0], ast.Name) and prev.targets[0].id == index
                        and _int_constant(prev.value) is not None):
                    return k, index, "while", _int_constant(prev.value), length.id
            return None
        if not isinstance(stmt, (ast.Assign, ast.AugAssign, ast.Expr)):
            return None
    return None


class _All(frozenset):
    """Every name: what is defined after a statement that does not fall through."""

    def __and__(self, other):
        return other

    __rand__ = __and__

    def __or__(self, other):
        return self

    def __contains__(self, name):
        return True


_ALL = _All()


def _reads(node):
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}


def _exposed(stmts, defined):
    """(names the statements may read before assigning them, names surely assigned after them)
    — `defined`: surely assigned before. A statement that does not fall through (continue,
    break, return) leaves everything defined for what follows it on that path."""
    exposed = set()
    for stmt in stmts:
        if isinstance(stmt, (ast.Continue, ast.Break, ast.Return)):
            if isinstance(stmt, ast.Return) and stmt.value is not None:
                exposed |= {n for n in _reads(stmt.value) if n not in defined}
            return exposed, _ALL
        if isinstance(stmt, ast.If):
            exposed |= {n for n in _reads(stmt.test) if n not in defined}
            e1, d1 = _exposed(stmt.body, defined)
            e2, d2 = _exposed(stmt.orelse, defined)
            exposed |= e1 | e2
            defined = d1 & d2
        elif isinstance(stmt, (ast.For, ast.While)):
            head = stmt.iter if isinstance(stmt, ast.For) else stmt.test
            exposed |= {n for n in _reads(head) if n not in defined}
            inner = set(defined) if not isinstance(defined, _All) else defined
            if isinstance(stmt, ast.For) and not isinstance(inner, _All):
                inner = inner | {n for n in _target_names(stmt.target)}
            e, _ = _exposed(stmt.body, inner)
            exposed |= e
            # the body may run no time: what it assigns is not surely assigned after it
        elif isinstance(stmt, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Expr)):
            value = stmt.value
            reads = _reads(value) if value is not None else set()
            if isinstance(stmt, ast.AugAssign):
                reads |= _reads(stmt.target) if not isinstance(stmt.target, ast.Name) else {stmt.target.id}
            targets = stmt.targets if isinstance(stmt, ast.Assign) else (
                [stmt.target] if not isinstance(stmt, ast.Expr) else [])
            for t in targets:
                if not isinstance(t, ast.Name):
                    reads |= _reads(t)
            exposed |= {n for n in reads if n not in defined}
            if not isinstance(defined, _All):
                defined = set(defined) | {n for t in targets for n in _target_names(t)}
        else:  # anything else: read all it names, assign nothing surely
            exposed |= {n for n in _reads(stmt) if n not in defined}
    return exposed, defined


def _live_at_entry(loop, after):
    """Locals the time loop may read before assigning them in an iteration (its live state),
    and those the row's statements after it read: what a twin keeps between calls."""
    head = loop.iter if isinstance(loop, ast.For) else loop.test
    exposed, _ = _exposed(loop.body, set())
    exposed |= _reads(head)
    tail, _ = _exposed(after, set())
    return exposed | tail


def _row_loop(func):
    """The `for r in range(rows)` statement at the function's top level, or None."""
    for stmt in func.body:
        if (isinstance(stmt, ast.For) and isinstance(stmt.target, ast.Name)
                and _is_range_n(stmt.iter)):
            return stmt
    return None


def _ctype(name, declared, head_values):
    """'i' or 'f': the state array a local is kept in."""
    ctype = declared.get(name)
    if ctype is not None:
        return "i" if ctype in _INTEGER else "f"
    value = head_values.get(name)
    if isinstance(value, ast.Constant) and isinstance(value.value, bool):
        return "i"
    if isinstance(value, ast.Constant) and isinstance(value.value, int):
        return "i"
    return "f"


def _double(text):
    return re.sub(r"\bfloating\b", "double", text)


class Twin:
    """One kernel's resumable twin: its source, its .pxd declaration and its state layout."""

    def __init__(self, name, source, declaration, floats, ints):
        self.name = name
        self.source = source
        self.declaration = declaration
        self.floats = floats  # the locals kept in fstate[r, :], in order
        self.ints = ints  # istate[r, 0] is the 'has run' flag, then these


def twin(func, source_lines, declared, indexes=(), resets=None):
    """The Twin of one kernel (an ast.FunctionDef), or None when it has not the resumable shape;
    `indexes`: its locals that hold bar indices; `resets`: {local: expression} set afresh on
    resuming (a look-ahead bound such as 'the run ends at n')."""
    name = func.name
    if name not in declared:
        return None
    locals_, args, locals_text, keyword = declared[name]
    row = _row_loop(func)
    if row is None:
        return None
    found = _time_loop(row.body)
    if found is None:
        return None
    k, index, kind, first_index, length = found
    # the statement that sets the loop's length from an array's: the twin's ends at resume_stop
    sizing = [stmt for stmt in func.body[:func.body.index(row)]
              if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1
              and isinstance(stmt.targets[0], ast.Name) and stmt.targets[0].id == length
              and ast.unparse(stmt.value).endswith(".shape[1]")]
    if len(sizing) != 1:
        return None
    head_values = {}
    for stmt in row.body[:k]:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
            head_values[stmt.targets[0].id] = stmt.value
    arguments = {a.arg for a in func.args.args}
    live = _live_at_entry(row.body[k], row.body[k + 1:])
    carried = [v for v in _assigned(row.body)
               if v not in (index, row.target.id) and v not in arguments and v in live]
    floats = [v for v in carried if _ctype(v, locals_, head_values) == "f"]
    ints = [v for v in carried if _ctype(v, locals_, head_values) == "i"]
    r = row.target.id

    lines = source_lines[func.lineno - 1:func.end_lineno]
    base = func.col_offset
    text = [ln[base:] if ln.strip() else "" for ln in lines]
    # rewrite line-wise: the def line, the time loop's start, the store after it
    def_end = func.body[0].lineno - func.lineno  # docstring or first statement
    header = "\n".join(text[:def_end])
    header = re.sub(r"def\s+" + name + r"\s*\(", f"def {name}_resume(", header, count=1)
    header = re.sub(r"\)\s*:\s*$", ", resume_f, resume_i, resume_at, resume_stop):", header,
                    count=1)
    body = text[def_end:]
    offset = func.body[0].lineno
    line = sizing[0].lineno - offset
    body[line] = body[line][:len(body[line]) - len(body[line].lstrip())] + f"{length} = resume_stop"
    loop = row.body[k]
    loop_line = loop.lineno - offset
    ind = " " * (loop.col_offset - base)
    load = [f"{ind}if resume_i[{r}, 0] != 0:"] if floats or ints else []
    load += [f"{ind}    {v} = resume_f[{r}, {j}]" for j, v in enumerate(floats)]
    load += [f"{ind}    {v} = resume_i[{r}, {j + 1}]" + (" + resume_at" if v in indexes else "")
             for j, v in enumerate(ints)]
    load += [f"{ind}    {v} = {expression}" for v, expression in (resets or {}).items()]
    if kind == "for":
        first = body[loop_line]
        body[loop_line] = re.sub(r"range\(\s*(\w+)\s*\)", r"range(resume_at, \1)", first, count=1)
    else:
        load.append(f"{ind}{index} = resume_at" + (f" + {first_index}" if first_index else ""))
    store = [f"{ind}{v_store}" for v_store in
             [f"resume_f[{r}, {j}] = {v}" for j, v in enumerate(floats)]
             + [f"resume_i[{r}, {j + 1}] = {v}" + (" - n" if v in indexes else "")
                for j, v in enumerate(ints)]
             + [f"resume_i[{r}, 0] = 1"]]
    end_line = loop.end_lineno - offset + 1
    new_body = body[:loop_line] + load + body[loop_line:end_line] + store + body[end_line:]
    source = header + "\n" + "\n".join(new_body) + "\n"

    # streams run in double: the twin is not fused (half the compile); inline in its Step's
    # run, its one caller (a cpdef twin took its memoryviews by value, ~200 bytes each, a step)
    decorator = f"@cython.locals({_double(locals_text)})\n" if locals_text.strip() else ""
    declaration = (f"{decorator}cdef inline void {name}_resume({_double(args).rstrip()}, "
                   "double[:, ::1] resume_f, Py_ssize_t[:, ::1] resume_i, Py_ssize_t resume_at, "
                   "Py_ssize_t resume_stop) noexcept nogil\n")
    return Twin(name, source, declaration, floats, ints)


def twins(source, pxd_text):
    """{kernel: Twin} of every kernel of a family source that has the resumable shape."""
    tree = ast.parse(source)
    lines = source.splitlines()
    declared = _declared(pxd_text)
    result = {}
    functions = [node for node in tree.body if isinstance(node, ast.FunctionDef)]
    ahead = replayed(tree, functions)
    index_state = _constant(tree, "INDEX_STATE", {})
    resets = _constant(tree, "RESUME_RESET", {})
    for node in functions:
        made = None if node.name in ahead else twin(node, lines, declared,
                                                      index_state.get(node.name, ()),
                                                      resets.get(node.name, {}))
        if made is not None:
            result[node.name] = made
    for node in functions:
        row = _row_loop(node) if node.name in result else None
        before = node.body[:node.body.index(row)] if row is not None else []
        called = {sub.func.id for stmt in before for sub in ast.walk(stmt)
                  if isinstance(sub, ast.Call) and isinstance(sub.func, ast.Name)}
        if called & set(result):
            # its twin would run that engine's batch code over the whole buffers each step
            raise ValueError(f"{node.name} calls {sorted(called & set(result))} before its row "
                             "loop: make it a kernel that only calls engines (wrapper_twin)")
    for node in functions:  # kernels that only call an engine with a twin: call its twin
        made = None if node.name in result or node.name in ahead else wrapper_twin(
            node, declared, result)
        if made is not None:
            result[node.name] = made
    return result


def _constant(tree, name, default):
    """The literal value of a module-level constant of a family source."""
    for node in tree.body:
        if (isinstance(node, ast.Assign) and len(node.targets) == 1
                and isinstance(node.targets[0], ast.Name) and node.targets[0].id == name):
            return ast.literal_eval(node.value)
    return default


def replayed(tree, functions):
    """The family's WINDOW_REPLAY kernels ("*": all): those whose twin would be wrong (they write
    outputs of bars ahead of the one they read, or loop run by run); a stream runs them again
    over their window."""
    names = _constant(tree, "WINDOW_REPLAY", ())
    return {f.name for f in functions} if names == "*" else set(names)


class _ToTwins(ast.NodeTransformer):
    """Each call of a kernel with a twin -> the same call of its twin, the state passed on."""

    def __init__(self, made):
        self.made = made
        self.engines = []

    def visit_Call(self, node):
        self.generic_visit(node)
        if isinstance(node.func, ast.Name) and node.func.id in self.made:
            self.engines.append(self.made[node.func.id])
            return ast.Call(ast.Name(node.func.id + "_resume", ast.Load()),
                            node.args + [ast.Name(n, ast.Load())
                                         for n in ("resume_f", "resume_i", "resume_at",
                                                   "resume_stop")], [])
        return node


def wrapper_twin(func, declared, made):
    """The Twin of a kernel that only calls engines that have twins, maybe under a condition on
    its parameters (plus_dm calls directional(high, low, high, period, 0, out); moments picks a
    mode; percentrank an algorithm): the same calls of the engines' twins, with their state."""
    body = [s for s in func.body
            if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))]
    if func.name not in declared or not body or not all(_only_calls(s) for s in body):
        return None
    rewrite = _ToTwins(made)
    body = [rewrite.visit(ast.parse(ast.unparse(s)).body[0]) for s in body]
    if not rewrite.engines:
        return None
    # engines picked by a parameter (PERCENTRANK: a count or the sorted window) share the state
    # arrays, each using their first values: a stream's parameters, so its engine, are fixed
    floats = max((e.floats for e in rewrite.engines), key=len)
    ints = max((e.ints for e in rewrite.engines), key=len)
    locals_, args, locals_text, keyword = declared[func.name]
    params = ", ".join(a.arg for a in func.args.args)
    text = "\n".join(ast.unparse(ast.fix_missing_locations(s)) for s in body)
    source = (f"def {func.name}_resume({params}, resume_f, resume_i, resume_at, resume_stop):\n"
              + "".join(f"    {line}\n" for line in text.splitlines()))
    decorator = f"@cython.locals({_double(locals_text)})\n" if locals_text.strip() else ""
    declaration = (f"{decorator}cdef inline void {func.name}_resume({_double(args).rstrip()}, "
                   "double[:, ::1] resume_f, Py_ssize_t[:, ::1] resume_i, Py_ssize_t resume_at, "
                   "Py_ssize_t resume_stop) noexcept nogil\n")
    return Twin(func.name, source, declaration, floats, ints)


def _only_calls(stmt):
    """A statement that is a call, or an if/else of such statements."""
    if isinstance(stmt, ast.Expr):
        return isinstance(stmt.value, ast.Call)
    if isinstance(stmt, ast.If):
        return all(_only_calls(s) for s in stmt.body + stmt.orelse)
    return False


def module_source(source, pxd_text):
    """(source, pxd) of fastind._kernels._resume_<family>: the family's text less the kernels
    no twin calls (half the compile), its twins after."""
    made = twins(source, pxd_text)
    step_py, step_pxd = steps(source, pxd_text, made)
    tree = ast.parse(source)
    lines = source.splitlines()
    declared = _declared(pxd_text)
    kernels = {name for name, d in declared.items() if d[3].startswith("cpdef")}
    functions = {node.name: node for node in tree.body if isinstance(node, ast.FunctionDef)}
    # what the twins, the helpers and the Steps call, to a fixed point: those kernels stay
    wanted = replayed(tree, list(functions.values())) & kernels
    pending = [ast.parse(t.source) for t in made.values()] + [functions[n] for n in wanted]
    pending += [node for name, node in functions.items() if name not in kernels]
    while pending:
        node = pending.pop()
        for sub in ast.walk(node):
            if isinstance(sub, ast.Name) and sub.id in kernels and sub.id not in wanted:
                wanted.add(sub.id)
                pending.append(functions[sub.id])
    dropped = [functions[name] for name in sorted(kernels - wanted) if name in functions]
    for node in sorted(dropped, key=lambda f: -f.lineno):
        first = node.lineno - 1 - len(node.decorator_list)
        del lines[first:node.end_lineno]
    for name in kernels - wanted:
        pxd_text = _DECL_OF(name).sub("", pxd_text)
    # each twin's state: (doubles, integers) per row, the integers' first the 'has run' flag
    layout = ", ".join(f"{name!r}: ({len(t.floats)}, {len(t.ints) + 1})" for name, t in made.items())
    py = ("\n".join(lines).rstrip("\n") + "\n\n\n# resumable twins (fastind/_resume.py)\n\n"
          + "\n\n".join(t.source for t in made.values())
          + "\n\n# the streams' Steps\n" + step_py
          + "\n\nRESUMABLE = {" + layout + "}\n")
    # streams compute in double: the family's helpers and replayed kernels are not fused here
    # (half their code, and of the build's time for these modules)
    unfused = "\n".join(line if "cimport" in line else _double(line)
                        for line in pxd_text.splitlines())
    pxd = (unfused.rstrip("\n") + "\n\n"
           + "\n".join(t.declaration for t in made.values()) + "\n" + step_pxd)
    return py, pxd, made


def _DECL_OF(name):
    """The .pxd declaration of one cpdef kernel, its @cython.locals included."""
    return re.compile(r"(@cython\.locals\([^)]*\)\s*)?cpdef\s+void\s+" + name
                      + r"\s*\([^)]*\)\s*noexcept\s+nogil[^\n]*\n?")


def _split_args(text):
    """A C argument list split on the commas outside brackets (floating[:, ::1] holds one)."""
    parts, depth, current = [], 0, ""
    for ch in text:
        depth += (ch == "[") - (ch == "]")
        if ch == "," and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += ch
    return [" ".join(p.split()) for p in parts + [current] if p.strip()]


def steps(source, pxd_text, made):
    """(source, declarations) of the Step classes of a family's kernels that a stream can run
    (a twin, or the kernel itself where the family replays it over its window), for the
    family's resume module: each a Step subclass (fastind/_stepbase.pxd) holding the call's
    arguments — the stream's buffers for the time-aligned ones — whose run() is one C call within
    the module (the twin inlined, no memoryview struct copied). WRITTEN says which arguments the
    kernel writes (not const); ARGUMENTS, each kernel's argument names."""
    tree = ast.parse(source)
    functions = [node for node in tree.body if isinstance(node, ast.FunctionDef)]
    replay = replayed(tree, functions)
    declared = _declared(pxd_text)
    py, pxd = [], ["from fastind._stepbase cimport Step"]
    for name, (locals_, args, locals_text, keyword) in declared.items():
        if not keyword.startswith("cpdef") or (name not in made and name not in replay):
            continue
        callee, extra = (f"{name}_resume", ", self.f, self.i, at, stop") if name in made else (name, "")
        params = [_double(p) for p in _split_args(args)]
        names = [p.split()[-1] for p in params]
        types = [p[:p.rindex(" ")] for p in params]
        written = tuple(t.endswith("]") and not t.startswith("const") for t in types)
        # a replayed kernel recomputes its window's first bars as a warm-up (NaN): it writes
        # into a buffer of its own, and only the new bars go on to the stream's (`targets`),
        # whose earlier bars later kernels read back
        targets = [k for k, t in enumerate(types) if written[k] and t.endswith("[:, ::1]")
                   and name not in made]
        pxd += ["", f"cdef class {name}_step(Step):"]
        pxd += [f"    cdef {t} a{k}" for k, t in enumerate(types)]
        pxd += [f"    cdef {types[k]} o{k}" for k in targets]
        if targets:
            pxd.append("    @cython.locals(r=Py_ssize_t, i=Py_ssize_t)")
        pxd.append("    cdef void run(self, Py_ssize_t begin, Py_ssize_t stop, Py_ssize_t at) "
                   "noexcept nogil")
        py += ["", "", f"class {name}_step(Step):", f"    WRITTEN = {written!r}", "",
               "    def __init__(self, args, aligned, fstate=None, istate=None, targets=None):",
               "        Step.__init__(self, aligned, fstate, istate)"]
        py += [f"        self.a{k} = args[{k}]  # {n}" for k, n in enumerate(names)]
        py += [f"        self.o{k} = targets[{k}] if targets is not None and targets[{k}] is not "
               f"None else args[{k}]" for k in targets]
        call = []
        for k, t in enumerate(types):
            if t.endswith("[:, ::1]") and name not in made:  # a twin reads up to `stop` itself
                call.append(f"(self.a{k}[:, begin:stop] if self.aligned[{k}] else self.a{k})")
            else:
                call.append(f"self.a{k}")
        py += ["", "    def run(self, begin, stop, at):",
               f"        {callee}({', '.join(call)}{extra})"]
        for k in targets:
            py += [f"        if self.aligned[{k}]:",
                   f"            for r in range(self.a{k}.shape[0]):",
                   "                for i in range(begin + at, stop):",
                   f"                    self.o{k}[r, i] = self.a{k}[r, i]"]
    # each kernel's argument names, by which a stream maps a kernel's arguments to those of the
    # kernel it runs instead (a family's STREAM_SUBSTITUTES)
    arguments = {name: tuple(p.split()[-1] for p in _split_args(d[1]))
                 for name, d in declared.items() if d[3].startswith("cpdef")}
    py += ["", "", f"ARGUMENTS = {arguments!r}"]
    return "\n".join(py) + "\n", "\n".join(pxd) + "\n"
