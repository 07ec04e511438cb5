// The AES S-box as a Boyar–Peralta circuit (depth 16, 32 AND + 81 XOR; "A depth-16 circuit for
// the AES S-box", Boyar & Peralta 2011), and its inverse derived here: the same non-linear middle
// with the top layer composed with B (the inverse affine map) and the bottom layer B∘L, each
// re-synthesised with Paar's greedy common-subexpression XOR heuristic. Circuit variables follow
// the paper: x0 is the byte's most significant bit. The S-box constant 0x63 is left out of both
// circuits: the kernel folds it into round keys 1…Nr (valid because MixColumns maps an all-0x63
// state to itself), so neither direction spends NOT gates.

const TOP = `y14=x3^x5 y13=x0^x6 y9=x0^x3 y8=x0^x5 t0=x1^x2 y1=t0^x7 y4=y1^x3 y12=y13^y14 y2=y1^x0
y5=y1^x6 y3=y5^y8 t1=x4^y12 y15=t1^x5 y20=t1^x1 y6=y15^x7 y10=y15^t0 y11=y20^y9 y7=x7^y11
y17=y10^y11 y19=y10^y8 y16=t0^y11 y21=y13^y16 y18=x0^y16`;
const MIDDLE = `t2=y12&y15 t3=y3&y6 t4=t3^t2 t5=y4&x7 t6=t5^t2 t7=y13&y16 t8=y5&y1 t9=t8^t7
t10=y2&y7 t11=t10^t7 t12=y9&y11 t13=y14&y17 t14=t13^t12 t15=y8&y10 t16=t15^t12 t17=t4^t14
t18=t6^t16 t19=t9^t14 t20=t11^t16 t21=t17^y20 t22=t18^y19 t23=t19^y21 t24=t20^y18
t25=t21^t22 t26=t21&t23 t27=t24^t26 t28=t25&t27 t29=t28^t22 t30=t23^t24 t31=t22^t26 t32=t31&t30
t33=t32^t24 t34=t23^t33 t35=t27^t33 t36=t24&t35 t37=t36^t34 t38=t27^t36 t39=t29&t38 t40=t25^t39
t41=t40^t37 t42=t29^t33 t43=t29^t40 t44=t33^t37 t45=t42^t41
z0=t44&y15 z1=t37&y6 z2=t33&x7 z3=t43&y16 z4=t40&y1 z5=t29&y7 z6=t42&y11 z7=t45&y17 z8=t41&y10
z9=t44&y12 z10=t37&y3 z11=t33&y4 z12=t43&y13 z13=t40&y5 z14=t29&y2 z15=t42&y9 z16=t45&y14 z17=t41&y8`;
// Bottom layer without the NOTs of 0x63 (folded into the round keys).
const BOTTOM = `t46=z15^z16 t47=z10^z11 t48=z5^z13 t49=z9^z10 t50=z2^z12 t51=z2^z5 t52=z7^z8 t53=z0^z3
t54=z6^z7 t55=z16^z17 t56=z12^t48 t57=t50^t53 t58=z4^t46 t59=z3^t54 t60=t46^t57 t61=z14^t57
t62=t52^t58 t63=t49^t58 t64=z4^t59 t65=t61^t62 t66=z1^t63 s0=t59^t63 s6=t56^t62 s7=t48^t60
t67=t64^t65 s3=t53^t66 s4=t51^t66 s5=t47^t65 s1=t64^s3 s2=t55^t67`;

/** Parses "dst=a^b dst2=a&b …" into [dst, op, a, b] gates. */
export function parse(text) {
  return text.trim().split(/\s+/).map((g) => {
    const m = /^(\w+)=(\w+)([&^])(\w+)$/.exec(g);
    if (!m) throw new Error(`bad gate ${g}`);
    return [m[1], m[3], m[2], m[4]];
  });
}

function evalGates(gates, env) {
  for (const [d, op, a, b] of gates) env[d] = op === '^' ? env[a] ^ env[b] : env[a] & env[b];
  return env;
}

const rotl = (v, n) => ((v << n) | (v >> (8 - n))) & 0xff;
const B = (v) => rotl(v, 1) ^ rotl(v, 3) ^ rotl(v, 6); // linear part of the inverse affine map

/** Symbolic evaluation: each signal is a bitmask over the inputs. */
function linearForms(gates, inputs) {
  const env = {};
  inputs.forEach((n, i) => { env[n] = 1 << i; });
  return evalGates(gates, env);
}

/** Paar's greedy XOR synthesis: targets {name: mask over inputs} → gates. */
function synthesise(targets, inputs, prefix) {
  const signals = inputs.map((n, i) => ({ name: n, mask: 1 << i }));
  const sets = Object.values(targets).map((m) => new Set(inputs.map((_, i) => i).filter((i) => (m >> i) & 1)));
  const gates = [];
  for (;;) {
    const counts = new Map();
    let best = null, bestCount = 0;
    for (const s of sets) {
      const a = [...s];
      for (let i = 0; i < a.length; i++) for (let j = i + 1; j < a.length; j++) {
        const key = `${Math.min(a[i], a[j])},${Math.max(a[i], a[j])}`;
        const c = (counts.get(key) ?? 0) + 1;
        counts.set(key, c);
        if (c > bestCount) { bestCount = c; best = key; }
      }
    }
    if (!best) break;
    const [i, j] = best.split(',').map(Number);
    const name = `${prefix}${gates.length}`;
    signals.push({ name, mask: signals[i].mask ^ signals[j].mask });
    gates.push([name, '^', signals[i].name, signals[j].name]);
    for (const s of sets) if (s.has(i) && s.has(j)) { s.delete(i); s.delete(j); s.add(signals.length - 1); }
  }
  const names = Object.keys(targets);
  const outputs = sets.map((s, k) => [names[k], signals[[...s][0]].name]);
  return { gates, outputs };
}

const X = ['x0', 'x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7'];
const Z = Array.from({ length: 18 }, (_, i) => `z${i}`);
const Y_USED = ['y1', 'y2', 'y3', 'y4', 'y5', 'y6', 'y7', 'y8', 'y9', 'y10', 'y11', 'y12', 'y13', 'y14', 'y15',
  'y16', 'y17', 'y18', 'y19', 'y20', 'y21', 'x7'];

/** Forward S-box without 0x63: top, middle, bottom gates; outputs s0 (MSB) … s7. */
export function forwardCircuit() {
  return { gates: [...parse(TOP), ...parse(MIDDLE), ...parse(BOTTOM)], outputs: ['s0', 's1', 's2', 's3', 's4', 's5', 's6', 's7'] };
}

/** Inverse S-box of (input ⊕ 0x63): top' = T∘B, same middle, bottom' = B∘L. Outputs s0 (MSB) … s7. */
export function inverseCircuit() {
  // Circuit input xi carries bit 7-i. Forward top needs x = B(input): bit b of B(v) as a mask.
  const bMask = (b) => { let m = 0; for (let j = 0; j < 8; j++) if ((B(1 << j) >> b) & 1) m |= 1 << j; return m; };
  const toCircuit = (m) => { let r = 0; for (let b = 0; b < 8; b++) if ((m >> b) & 1) r |= 1 << (7 - b); return r; };
  const xOfInput = X.map((_, i) => toCircuit(bMask(7 - i)));
  const env = {};
  X.forEach((n, i) => { env[n] = xOfInput[i]; });
  const topForms = evalGates(parse(TOP), env);
  const renamedY = Y_USED.map((n) => (n === 'x7' ? 'w7' : n)); // x7 is an input name; the middle reads "w7"
  const top = synthesise(Object.fromEntries(Y_USED.map((n, k) => [renamedY[k], topForms[n]])), X, 'a');
  const sForms = linearForms(parse(BOTTOM), Z); // s0..s7 as masks over z
  const bottomTargets = {};
  for (let i = 0; i < 8; i++) { // output s_i = bit 7-i of B(s)
    const b = 7 - i; let m = 0;
    for (let j = 0; j < 8; j++) if ((bMask(b) >> j) & 1) m ^= sForms[`s${7 - j}`];
    bottomTargets[`s${i}`] = m;
  }
  const bottom = synthesise(bottomTargets, Z, 'b');
  const middle = parse(MIDDLE).map(([d, op, a, b]) => [d, op, a === 'x7' ? 'w7' : a, b === 'x7' ? 'w7' : b]);
  const alias = (pairs) => pairs.filter(([n, s]) => n !== s).map(([n, s]) => [n, '=', s, null]);
  return {
    gates: [...top.gates, ...alias(top.outputs), ...middle, ...bottom.gates, ...alias(bottom.outputs)],
    outputs: ['s0', 's1', 's2', 's3', 's4', 's5', 's6', 's7'],
  };
}

/** Evaluates a circuit on one byte (bits as 0/1), for self-checks. */
export function runCircuit(circuit, byte) {
  const env = {};
  X.forEach((n, i) => { env[n] = (byte >> (7 - i)) & 1; });
  for (const [d, op, a, b] of circuit.gates) env[d] = op === '=' ? env[a] : op === '^' ? env[a] ^ env[b] : env[a] & env[b];
  let r = 0;
  circuit.outputs.forEach((n, i) => { r |= env[n] << (7 - i); });
  return r;
}
