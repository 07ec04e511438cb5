#!/usr/bin/env node
// Emits wasm/aes-bitsliced.generated.ts: AES-128/256 on 8 blocks at once, bitsliced over eight
// v128 registers (Käsper–Schwabe layout: register i holds bit i of every byte; byte j of a register
// is state byte j; bit k of that byte is block k). Straight-line code, no table, no branch or
// memory index that depends on key or data. Run: node scripts/gen/aes-kernel.mjs
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { forwardCircuit, inverseCircuit } from './aes-circuits.mjs';

const SR = [0, 5, 10, 15, 4, 9, 14, 3, 8, 13, 2, 7, 12, 1, 6, 11]; // ShiftRows, state byte 4c+r
const ISR = [0, 13, 10, 7, 4, 1, 14, 11, 8, 5, 2, 15, 12, 9, 6, 3]; // InvShiftRows
const ROT1 = [1, 2, 3, 0, 5, 6, 7, 4, 9, 10, 11, 8, 13, 14, 15, 12]; // a[r] <- a[r+1] within a column
const ROT2 = [2, 3, 0, 1, 6, 7, 4, 5, 10, 11, 8, 9, 14, 15, 12, 13];
const shuf = (v, lanes) => `i8x16.shuffle(${v}, ${v}, ${lanes.join(', ')})`;
const X = (a, b) => `v128.xor(${a}, ${b})`;
const sp = (v) => (v > 127 ? v - 256 : v); // i8x16.splat takes an i8

/** Circuit → AS statements; inputs x0..x7 are given as expressions (x0 = MSB), outputs s0..s7. */
function emitCircuit(circuit, inputs, p) {
  const lines = inputs.map((e, i) => `const ${p}x${i} = ${e};`);
  const name = (n) => `${p}${n}`;
  for (const [d, op, a, b] of circuit.gates) {
    if (op === '=') lines.push(`const ${name(d)} = ${name(a)};`);
    else lines.push(`const ${name(d)} = ${op === '^' ? 'v128.xor' : 'v128.and'}(${name(a)}, ${name(b)});`);
  }
  return lines;
}

function transpose(v) { // the 8×8 bit transpose per byte position; an involution
  const out = [];
  const sm = (a, b, n, m) => {
    out.push(`t = v128.and(v128.xor(i64x2.shr_u(${v}${a}, ${n}), ${v}${b}), ${m});`);
    out.push(`${v}${b} = v128.xor(${v}${b}, t); ${v}${a} = v128.xor(${v}${a}, i64x2.shl(t, ${n}));`);
  };
  for (const [a, b] of [[0, 1], [2, 3], [4, 5], [6, 7]]) sm(a, b, 1, 'm55');
  for (const [a, b] of [[0, 2], [1, 3], [4, 6], [5, 7]]) sm(a, b, 2, 'm33');
  for (const [a, b] of [[0, 4], [1, 5], [2, 6], [3, 7]]) sm(a, b, 4, 'm0f');
  return out;
}

const R8 = [0, 1, 2, 3, 4, 5, 6, 7];
const load = (ptr) => R8.map((i) => `let b${i} = v128.xor(v128.load(${ptr}, ${16 * i}), v128.load(tw, ${16 * i}));`);
const store = (ptr) => R8.map((i) => `v128.store(${ptr}, v128.xor(b${i}, v128.load(tw, ${16 * i})), ${16 * i});`);
const ark = (k) => R8.map((i) => `b${i} = v128.xor(b${i}, v128.load(${k}, ${16 * i}));`);
const prologue = [
  'const m55 = i8x16.splat(0x55); const m33 = i8x16.splat(0x33); const m0f = i8x16.splat(0x0f);',
  'let t: v128;',
];

/** MixColumns of registers named `${v}j` into b0..b7, with the round key at k added. */
function mixColumns(v, k) {
  const L = [];
  R8.forEach((j) => L.push(`const r${j} = ${shuf(`${v}${j}`, ROT1)};`));
  R8.forEach((j) => L.push(`const u${j} = v128.xor(${v}${j}, r${j});`));
  // out_j = xtime(u)_j ^ r_j ^ rot2(u_j); xtime: bit j <- u_{j-1}, plus u7 into bits 0,1,3,4
  const xt = ['u7', 'v128.xor(u0, u7)', 'u1', 'v128.xor(u2, u7)', 'v128.xor(u3, u7)', 'u4', 'u5', 'u6'];
  R8.forEach((j) => L.push(`b${j} = ${X(X(xt[j], `r${j}`), X(shuf(`u${j}`, ROT2), `v128.load(${k}, ${16 * j})`))};`));
  return L;
}

function encrypt() {
  const f = forwardCircuit();
  const sbox = (lanes) => emitCircuit(f, R8.map((i) => shuf(`b${7 - i}`, lanes)), 'e');
  const sOut = (j) => `es${7 - j}`; // circuit output s_i is bit 7-i
  return [
    '/** Encrypts 8 blocks at p in place: p[i] ← E(p[i] ⊕ tw[i]) ⊕ tw[i]; rk: bitsliced round keys. */',
    'export function encrypt8(p: usize, tw: usize, rk: usize, rounds: i32): void {',
    ...prologue, ...load('p'), ...transpose('b'), ...ark('rk'),
    'let k = rk + 128;',
    'for (let r = 1; r < rounds; r++) {',
    // ShiftRows is applied to the S-box inputs (it commutes with SubBytes).
    ...sbox(SR).map((l) => '  ' + l),
    ...R8.map((j) => `  const c${j} = ${sOut(j)};`),
    ...mixColumns('c', 'k').map((l) => '  ' + l),
    '  k += 128;',
    '}',
    '{',
    ...sbox(SR).map((l) => '  ' + l),
    ...R8.map((j) => `  b${j} = v128.xor(${sOut(j)}, v128.load(k, ${16 * j}));`),
    '}',
    ...transpose('b'), ...store('p'),
    '}',
  ];
}

function decrypt() {
  const g = inverseCircuit();
  const sbox = () => emitCircuit(g, R8.map((i) => shuf(`b${7 - i}`, ISR)), 'd');
  const sOut = (j) => `ds${7 - j}`;
  // InvMixColumns = MixColumns ∘ P, P(a) = a ⊕ 4·(a ⊕ rot2 a)  (Käsper–Schwabe).
  const times4 = ['u6', 'v128.xor(u7, u6)', 'v128.xor(u0, u7)', 'v128.xor(u1, u6)', 'v128.xor(v128.xor(u2, u7), u6)',
    'v128.xor(u3, u7)', 'u4', 'u5'];
  return [
    '/** Decrypts 8 blocks at p in place: p[i] ← D(p[i] ⊕ tw[i]) ⊕ tw[i]; rk: bitsliced round keys. */',
    'export function decrypt8(p: usize, tw: usize, rk: usize, rounds: i32): void {',
    ...prologue, ...load('p'), ...transpose('b'),
    'let k = rk + <usize>(rounds << 7);',
    ...ark('k'),
    'for (let r = rounds - 1; r > 0; r--) {',
    '  k -= 128;',
    ...sbox().map((l) => '  ' + l),
    ...R8.map((j) => `  const v${j} = v128.xor(${sOut(j)}, v128.load(k, ${16 * j}));`),
    '  {',
    ...R8.map((j) => `    const u${j} = v128.xor(v${j}, ${shuf(`v${j}`, ROT2)});`),
    ...R8.map((j) => `    const w${j} = v128.xor(v${j}, ${times4[j]});`),
    ...mixColumnsNoKey('w').map((l) => '    ' + l),
    '  }',
    '}',
    '{',
    ...sbox().map((l) => '  ' + l),
    ...R8.map((j) => `  b${j} = v128.xor(${sOut(j)}, v128.load(rk, ${16 * j}));`),
    '}',
    ...transpose('b'), ...store('p'),
    '}',
  ];
}

function mixColumnsNoKey(v) {
  const L = [];
  R8.forEach((j) => L.push(`const r${j} = ${shuf(`${v}${j}`, ROT1)};`));
  R8.forEach((j) => L.push(`const m${j} = v128.xor(${v}${j}, r${j});`));
  const xt = ['m7', 'v128.xor(m0, m7)', 'm1', 'v128.xor(m2, m7)', 'v128.xor(m3, m7)', 'm4', 'm5', 'm6'];
  R8.forEach((j) => L.push(`b${j} = ${X(X(xt[j], `r${j}`), shuf(`m${j}`, ROT2))};`));
  return L;
}

function sboxBytes() {
  const f = forwardCircuit();
  const bit = (i) => `i8x16.eq(v128.and(v, i8x16.splat(${sp(1 << i)})), i8x16.splat(${sp(1 << i)}))`;
  const L = emitCircuit(f, R8.map((i) => bit(7 - i)), 'q');
  return [
    '/** The AES S-box on each of the 16 bytes at p, in place, by the same circuit with every byte',
    ' *  broadcast to all 8 lanes of its bit: constant-time; used by the key schedule. */',
    'export function sboxBytes(p: usize): void {',
    '  const v = v128.load(p);',
    ...L.map((l) => '  ' + l),
    // 0x63 is added by XOR: OR-ing the bits into a 0x63 base would be wrong, so XOR it in.
    `  let out = i8x16.splat(0);`,
    ...R8.map((i) => `  out = v128.or(out, v128.and(qs${i}, i8x16.splat(${sp(1 << (7 - i))})));`),
    '  v128.store(p, v128.xor(out, i8x16.splat(0x63)));',
    '}',
  ];
}




const header = [
  '// GENERATED by scripts/gen/aes-kernel.mjs from scripts/gen/aes-circuits.mjs — do not edit by hand.',
  '// Bitsliced AES (FIPS-197) on 8 blocks with v128 SIMD: S-box by Boyar–Peralta circuits, ShiftRows and',
  '// MixColumns as constant byte shuffles, round keys pre-bitsliced with 0x63 folded into rounds 1…Nr.',
  '',
];
const body = [...header, ...encrypt(), '', ...decrypt(), '', ...sboxBytes(), ''].join('\n');
const out = fileURLToPath(new URL('../../wasm/aes-bitsliced.generated.ts', import.meta.url));
writeFileSync(out, body);
console.log(`wrote ${out} (${body.split('\n').length} lines)`);
